namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// Thrown when a request cannot even wait for a slot because <see cref="ThrottlingOptions.QueueLimit"/>
/// requests are already waiting. Nothing was sent.
/// </summary>
public sealed class RequestQueueFullException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RequestQueueFullException"/> class.</summary>
    public RequestQueueFullException()
        : base("The rate limiter's queue is full; the request was not sent.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestQueueFullException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RequestQueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestQueueFullException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RequestQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
