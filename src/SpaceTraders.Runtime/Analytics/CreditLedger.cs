using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// Records every change of one agent's credits as a <see cref="CreditMovementRecord"/> with the session whose action
/// caused it. The amounts are the state's balance after minus before, so the movements always sum exactly to the
/// agent's change in credits since the first balance seen. Also keeps the capital part of them
/// (<see cref="CapitalSpending"/>) for the live figures.
/// </summary>
internal sealed class CreditLedger : IDisposable
{
    private readonly AgentState _state;
    private readonly SessionScope _scope;
    private readonly IRecordSink _store;
    private readonly string _agentSymbol;
    private readonly Guid _runId;
    private readonly FleetTimeline? _timeline;
    private readonly ShipActivityLog? _activity;
    private readonly string _node;
    private readonly string? _reset;
    private long _capital;

    public CreditLedger(AgentState state, SessionScope scope, IRecordSink store, string agentSymbol, Guid runId, string node, FleetTimeline? timeline = null, ShipActivityLog? activity = null, string? reset = null)
    {
        _reset = reset;
        _state = state;
        _scope = scope;
        _store = store;
        _agentSymbol = agentSymbol;
        _runId = runId;
        _timeline = timeline;
        _activity = activity;
        _node = node;
        _state.CreditsChanged += OnCreditsChanged;
    }

    /// <summary>Gets the capital movements' sum since the ledger started (negative when capital was spent).</summary>
    public long CapitalMoved => Interlocked.Read(ref _capital);

    public void Dispose() => _state.CreditsChanged -= OnCreditsChanged;

    private void OnCreditsChanged(object? sender, CreditsChangedEventArgs e)
    {
        var session = _scope.Current;
        session?.AddCredits(e.Delta);
        var capital = CapitalSpending.IsCapital(e.Cause, e.Good?.ToString()) ? e.Delta : 0;
        if (capital != 0)
        {
            Interlocked.Add(ref _capital, capital);
        }

        var movement = new CreditMovementRecord(session?.Id, _agentSymbol, e.Cause, e.Delta, e.Current, e.ShipSymbol, e.Good?.ToString(), e.Units, e.At)
        {
            RunId = _runId,
            Node = _node,
            Reset = _reset,
        };
        _store.Append(movement);
        _timeline?.AddCredits(e.At, e.Current, capital);
        if ((e.ShipSymbol ?? session?.Info.ShipSymbol) is { } ship)
        {
            _activity?.Add(ship, movement);
        }
    }
}
