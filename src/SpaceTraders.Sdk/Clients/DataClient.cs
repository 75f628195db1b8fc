using SpaceTraders.Sdk.Api;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IDataClient"/> over the Refit interface: call, unwrap <c>data</c>, return.</summary>
/// <remarks>The hand-written half: the constructor and what differs from the pass-through; the generated half (<c>.g.cs</c>) has the rest.</remarks>
internal sealed partial class DataClient : IDataClient
{
    private readonly IDataApi _api;

    /// <summary>Initializes a new instance of the <see cref="DataClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    public DataClient(IDataApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));
}
