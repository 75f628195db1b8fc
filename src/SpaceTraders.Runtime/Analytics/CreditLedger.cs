using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// Records every change of one agent's credits as a <see cref="CreditMovementRecord"/> with the session whose action
/// caused it. The amounts are the state's balance after minus before, so the movements always sum exactly to the
/// agent's change in credits since the first balance seen.
/// </summary>
internal sealed class CreditLedger : IDisposable
{
    private readonly AgentState _state;
    private readonly SessionScope _scope;
    private readonly IStore _store;
    private readonly string _agentSymbol;
    private readonly string _node;

    public CreditLedger(AgentState state, SessionScope scope, IStore store, string agentSymbol, string node)
    {
        _state = state;
        _scope = scope;
        _store = store;
        _agentSymbol = agentSymbol;
        _node = node;
        _state.CreditsChanged += OnCreditsChanged;
    }

    public void Dispose() => _state.CreditsChanged -= OnCreditsChanged;

    private void OnCreditsChanged(object? sender, CreditsChangedEventArgs e)
    {
        var session = _scope.Current;
        session?.AddCredits(e.Delta);
        _store.Append(new CreditMovementRecord(session?.Id, _agentSymbol, e.Cause, e.Delta, e.Current, e.ShipSymbol, e.Good?.ToString(), e.Units, e.At) { Node = _node });
    }
}
