namespace SpaceTraders.Simulator.Faults;

/// <summary>A path pattern of <see cref="FaultRule.Path"/>: literal segments, <c>*</c>/<c>{name}</c> for one segment, a final <c>**</c> for the rest.</summary>
internal sealed class PathPattern
{
    private static readonly PathPattern Any = new(null, true);

    private readonly string?[]? _segments;
    private readonly bool _rest;

    private PathPattern(string?[]? segments, bool rest)
    {
        _segments = segments;
        _rest = rest;
    }

    /// <summary>Parses a pattern; <see langword="null"/> matches everything.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>The parsed pattern.</returns>
    public static PathPattern Parse(string? pattern)
    {
        if (pattern is null)
        {
            return Any;
        }

        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var rest = parts.Length > 0 && parts[^1] == "**";
        if (rest)
        {
            parts = parts[..^1];
        }

        if (parts.Any(p => p == "**"))
        {
            throw new ArgumentException("'**' may only end a fault path pattern.", nameof(pattern));
        }

        return new PathPattern([.. parts.Select(p => p == "*" || (p.StartsWith('{') && p.EndsWith('}')) ? null : p)], rest);
    }

    /// <summary>Tests a path.</summary>
    /// <param name="path">The path after <c>/v2</c>.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(string path)
    {
        if (_segments is null)
        {
            return true;
        }

        var rest = path.AsSpan();
        foreach (var expected in _segments)
        {
            rest = rest.TrimStart('/');
            if (rest.IsEmpty)
            {
                return false;
            }

            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            if (expected is not null && !segment.Equals(expected, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            rest = end < 0 ? [] : rest[end..];
        }

        return _rest || rest.TrimStart('/').IsEmpty;
    }
}
