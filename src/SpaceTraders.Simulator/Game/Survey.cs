namespace SpaceTraders.Simulator.Game;

/// <summary>
/// A survey the game issued. Extractions with it draw one of its deposits uniformly (so a repeated deposit is more
/// likely); after <see cref="ExtractionsFor"/> extractions it is exhausted (4224).
/// </summary>
internal sealed class Survey(string signature, string waypointSymbol, string[] deposits, DateTimeOffset expiration, string size)
{
    /// <summary>Gets the signature.</summary>
    public string Signature { get; } = signature;

    /// <summary>Gets the surveyed waypoint.</summary>
    public string WaypointSymbol { get; } = waypointSymbol;

    /// <summary>Gets the deposits, repeats included.</summary>
    public string[] Deposits { get; } = deposits;

    /// <summary>Gets the expiration (whole milliseconds, so it survives a JSON round trip).</summary>
    public DateTimeOffset Expiration { get; } = expiration;

    /// <summary>Gets SMALL, MODERATE or LARGE.</summary>
    public string Size { get; } = size;

    /// <summary>Gets or sets the extractions made with this survey.</summary>
    public int Extractions { get; set; }

    /// <summary>Gets a value indicating whether the survey is used up.</summary>
    public bool IsExhausted => Extractions >= ExtractionsFor(Size);

    /// <summary>Gets the number of extractions a survey of a size allows: SMALL 10, MODERATE 25, LARGE 50.</summary>
    public static int ExtractionsFor(string size) => size switch
    {
        "SMALL" => 10,
        "MODERATE" => 25,
        _ => 50,
    };

    /// <summary>Gets the yield multiplier of a survey size: SMALL 1.0, MODERATE 1.25, LARGE 1.5.</summary>
    public static double YieldFactor(string size) => size switch
    {
        "SMALL" => 1.0,
        "MODERATE" => 1.25,
        _ => 1.5,
    };
}
