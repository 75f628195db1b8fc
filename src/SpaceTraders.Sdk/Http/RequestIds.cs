namespace SpaceTraders.Sdk.Http;

/// <summary>
/// Makes the ids of logical calls (<see cref="SpaceTradersRequestOptions.RequestIdHeader"/>) and carries the id of
/// an action that is being sent again after a read-back, so that the resend goes out with the id of the first send.
/// </summary>
/// <remarks>
/// The carried id lives in an <see cref="AsyncLocal{T}"/>: it flows from <see cref="SendAsync{T}"/> into the HTTP
/// pipeline of that one call and nowhere else (the reads that reconcile the action run outside it and get ids of
/// their own). Nothing else is kept between calls.
/// </remarks>
internal static class RequestIds
{
    private static readonly AsyncLocal<string?> Carried = new();

    /// <summary>Gets the id the current logical call must use, when an action runner set one.</summary>
    public static string? Current => Carried.Value;

    /// <summary>Makes a new id: a version 7 GUID stamped with the client's clock, so ids sort by time in logs.</summary>
    /// <param name="time">The client's clock.</param>
    /// <returns>The id, for example <c>0192f5e4-7a1b-7c3d-9e8f-0a1b2c3d4e5f</c>.</returns>
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("D");

    /// <summary>Runs one send of a logical call with <paramref name="requestId"/> as its id.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="requestId">The id of the logical call.</param>
    /// <param name="send">The send.</param>
    /// <param name="cancellationToken">Passed to <paramref name="send"/>.</param>
    /// <returns>What <paramref name="send"/> returned.</returns>
    public static async Task<T> SendAsync<T>(string requestId, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        // An async method restores its caller's execution context when it returns, so the id never leaks out.
        Carried.Value = requestId;
        return await send(cancellationToken).ConfigureAwait(false);
    }
}
