namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// A store backend as one object to plug into <see cref="RuntimeOptions.Store"/>: the record sink, the ship leases and
/// the report queries, with the resources they share (a connection pool, a background writer) disposed together.
/// </summary>
/// <remarks>
/// <para>
/// The runtime hands each part of itself only the role it uses: the recorders get the <see cref="IRecordSink"/>, the
/// lease book and the ship runners the <see cref="IShipLeases"/>, the dashboard and the runner's report the
/// <see cref="IStoreReports"/>. A backend implements all three in one class; it adds nothing of its own here.
/// </para>
/// <para>
/// Implementations: <see cref="InMemory.InMemoryStore"/> (default; simulations and tests) and the PostgreSQL store in
/// the <c>SpaceTraders.Runtime.PostgreSql</c> package. <c>docs/architecture.md</c> ("Adding a store backend") shows
/// how to add one and the contract tests to run it against.
/// </para>
/// </remarks>
public interface IStore : IRecordSink, IShipLeases, IStoreReports, IAsyncDisposable
{
}
