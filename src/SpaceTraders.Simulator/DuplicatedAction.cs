namespace SpaceTraders.Simulator;

/// <summary>
/// A state-changing action the game executed more than once for one client request id (<c>X-Request-Id</c>): a client
/// resent an action that had already happened.
/// </summary>
/// <param name="RequestId">The client's request id.</param>
/// <param name="Method">The HTTP method (<c>POST</c> or <c>PATCH</c>).</param>
/// <param name="Route">The route template, for example <c>/my/ships/{shipSymbol}/purchase</c>.</param>
/// <param name="Ship">The ship it acted for, or <see langword="null"/> (buying a ship, accepting a contract).</param>
/// <param name="Executions">How many times it was executed so far.</param>
public sealed record DuplicatedAction(string RequestId, string Method, string Route, string? Ship, int Executions);
