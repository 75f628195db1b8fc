using SpaceTraders.Sdk;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>Copies a host's client options, so the runtime can add its observer without changing the host's object.</summary>
internal static class ClientOptions
{
    public static SpaceTradersClientOptions CopyOf(SpaceTradersClientOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new SpaceTradersClientOptions
        {
            Token = source.Token,
            AccountToken = source.AccountToken,
            BaseAddress = source.BaseAddress,
            TimeProvider = source.TimeProvider,
            Throttling = source.Throttling,
            Retry = source.Retry,
            RateLimiter = source.RateLimiter,
            Transport = source.Transport,
            DelayedThreshold = source.DelayedThreshold,
            LoggerFactory = source.LoggerFactory,
            UserAgent = source.UserAgent,
        };
        foreach (var observer in source.Observers)
        {
            copy.Observers.Add(observer);
        }

        return copy;
    }
}
