namespace SpaceTraders.Sdk.Navigation;

/// <summary>The parts of SpaceTraders symbols: a waypoint <c>X1-DF55-B7</c> lies in the system <c>X1-DF55</c> of the sector <c>X1</c>.</summary>
public static class Symbols
{
    /// <summary>Gets the system a waypoint lies in.</summary>
    /// <param name="waypointSymbol">A waypoint symbol of the form <c>SECTOR-SYSTEM-WAYPOINT</c>, for example <c>X1-DF55-B7</c>.</param>
    /// <returns>The system symbol, for example <c>X1-DF55</c>.</returns>
    /// <exception cref="ArgumentException">The text is not a waypoint symbol.</exception>
    public static string SystemOf(string waypointSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waypointSymbol);
        return TrySystemOf(waypointSymbol)
            ?? throw new ArgumentException(
                $"'{waypointSymbol}' is not a waypoint symbol of the form SECTOR-SYSTEM-WAYPOINT (for example X1-DF55-A1).",
                nameof(waypointSymbol));
    }

    /// <summary>
    /// Refuses a waypoint named with another system's symbol before a request is sent (the server would answer 404 and
    /// name only the waypoint). A waypoint symbol that is not of the form <c>SECTOR-SYSTEM-WAYPOINT</c> is left to the
    /// server.
    /// </summary>
    /// <param name="systemSymbol">The system the call names.</param>
    /// <param name="waypointSymbol">The waypoint the call names.</param>
    /// <exception cref="ArgumentException">The waypoint lies in another system.</exception>
    internal static void CheckInSystem(string systemSymbol, string waypointSymbol)
    {
        if (TrySystemOf(waypointSymbol) is { } system && !string.Equals(system, systemSymbol, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The waypoint '{waypointSymbol}' lies in the system '{system}', not '{systemSymbol}': pass its own system, or the waypoint alone to the overload that takes it.",
                nameof(waypointSymbol));
        }
    }

    /// <summary>The system part of a <c>SECTOR-SYSTEM-WAYPOINT</c> symbol, or <see langword="null"/> when it is not of that form.</summary>
    private static string? TrySystemOf(string waypointSymbol)
    {
        var first = waypointSymbol.IndexOf('-', StringComparison.Ordinal);
        var second = first < 0 ? -1 : waypointSymbol.IndexOf('-', first + 1);
        return second <= first + 1 || second == waypointSymbol.Length - 1 ? null : waypointSymbol[..second];
    }
}
