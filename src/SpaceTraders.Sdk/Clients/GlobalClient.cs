using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resets;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IGlobalClient"/> over the Refit interface: call, unwrap <c>data</c>, return.</summary>
/// <remarks>The hand-written half: the constructor and what differs from the pass-through; the generated half (<c>.g.cs</c>) has the rest.</remarks>
internal sealed partial class GlobalClient : IGlobalClient
{
    private readonly IGlobalApi _api;
    private readonly ServerResetWatch? _resets;

    /// <summary>Initializes a new instance of the <see cref="GlobalClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    /// <param name="resets">The client's view of server resets, told of every status read; <see langword="null"/> for none.</param>
    public GlobalClient(IGlobalApi api, ServerResetWatch? resets = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _resets = resets;
    }

    /// <inheritdoc />
    public async Task<GetStatusResult> GetStatusAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        GetStatusResult status;
        try
        {
            status = await _api.GetStatusAsync(priority, cancellationToken).ConfigureAwait(false);
        }
        catch (ServerResetException) when (_resets?.Detected is not null)
        {
            // The server rejected the agent token on the status read itself: the reset is known now, and the status,
            // which is public, is read again without the dead token.
            status = await _api.GetStatusAsync(priority, cancellationToken).ConfigureAwait(false);
        }

        _resets?.ObserveStatus(status.ResetDate);
        return status;
    }
}
