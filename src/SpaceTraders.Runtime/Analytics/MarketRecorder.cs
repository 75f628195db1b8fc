using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>Records every market observed with a ship present (one row per trade good) for the market history.</summary>
internal sealed class MarketRecorder : IDisposable
{
    private readonly AgentState _state;
    private readonly IRecordSink _store;
    private readonly TimeProvider _clock;
    private readonly string? _reset;

    public MarketRecorder(AgentState state, IRecordSink store, TimeProvider clock, string? reset = null)
    {
        _reset = reset;
        _state = state;
        _store = store;
        _clock = clock;
        _state.MarketObserved += OnMarketObserved;
    }

    public void Dispose() => _state.MarketObserved -= OnMarketObserved;

    private void OnMarketObserved(object? sender, Market market)
    {
        if (market.TradeGoods is not { } goods)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        foreach (var good in goods)
        {
            _store.Append(new MarketObservationRecord(
                market.Symbol,
                good.Symbol.ToString(),
                good.Type.ToString(),
                good.PurchasePrice,
                good.SellPrice,
                good.TradeVolume,
                good.Supply.ToString(),
                good.Activity?.ToString(),
                now)
            {
                Reset = _reset,
            });
        }
    }
}
