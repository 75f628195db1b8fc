using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// Where a pacer hands out request slots: a request waits for its slot (parking through the clock's waits),
/// then goes out. Acquire only; nothing is given back.
/// </summary>
internal interface ISlotSource
{
    /// <summary>Waits until the request may go.</summary>
    /// <param name="priority">The request's priority.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes at the slot.</returns>
    ValueTask WaitForSlotAsync(RequestPriority priority, CancellationToken cancellationToken);
}

/// <summary>
/// The handler of the pacing baselines (<c>fixed-pacer</c>, <c>timestamp-pair-vip</c>, <c>token-bucket</c>): every
/// attempt waits for a slot from its <see cref="ISlotSource"/>; a 429 from the game simply takes a new slot (at the
/// back, like any new request) and is sent again, up to <see cref="StrategySettings.MaxAttempts"/> attempts. A pacer
/// knows nothing of the server's pools, so that is all it can do.
/// </summary>
internal sealed class SlotPacedHandler(ISlotSource slots, int maxAttempts, HttpMessageHandler transport) : BaselineHandler(transport)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var priority = PriorityOf(request);
        for (var attempt = 1; ; attempt++)
        {
            await slots.WaitForSlotAsync(priority, cancellationToken).ConfigureAwait(false);
            var response = await SendToTransportAsync(request, cancellationToken).ConfigureAwait(false);
            if (attempt >= maxAttempts || !IsGameRateLimited(response))
            {
                return response;
            }

            response.Dispose();
        }
    }
}
