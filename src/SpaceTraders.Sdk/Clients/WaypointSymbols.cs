namespace SpaceTraders.Sdk.Clients;

/// <summary>Reads the parts of waypoint symbols (<c>X1-DF55-A1</c> lies in system <c>X1-DF55</c>).</summary>
internal static class WaypointSymbols
{
    /// <summary>Gets the system a waypoint lies in: its symbol up to the second <c>-</c>.</summary>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <returns>The system's symbol, for example <c>X1-DF55</c>.</returns>
    /// <exception cref="ArgumentException">The symbol does not have the sector-system-waypoint form.</exception>
    public static string SystemOf(string waypointSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        var first = waypointSymbol.IndexOf('-', StringComparison.Ordinal);
        var second = first < 0 ? -1 : waypointSymbol.IndexOf('-', first + 1);
        if (second <= first + 1 || second == waypointSymbol.Length - 1)
        {
            throw new ArgumentException(
                $"'{waypointSymbol}' is not a waypoint symbol of the form SECTOR-SYSTEM-WAYPOINT (for example X1-DF55-A1).",
                nameof(waypointSymbol));
        }

        return waypointSymbol[..second];
    }
}
