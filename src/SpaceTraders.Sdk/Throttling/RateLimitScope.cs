namespace SpaceTraders.Sdk.Throttling;

/// <summary>Which of the server's limits a rate-limit answer is about (<c>x-ratelimit-type</c> or the 429 body's <c>data.type</c>).</summary>
public enum RateLimitScope
{
    /// <summary>Not stated: treated as both.</summary>
    Unknown = 0,

    /// <summary>The limit of the client's IP address (<c>IP Address</c>), shared by every agent on that address.</summary>
    IpAddress = 1,

    /// <summary>The limit of the agent's account (<c>Account</c>).</summary>
    Account = 2,
}
