namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// The simulator's routes: method + template (<c>/my/ships/{shipSymbol}/navigate</c>, relative to <c>/v2</c>) to a handler.
/// Matching walks a segment tree, literal segments before parameters, without allocating for literals.
/// </summary>
internal sealed class RouteTable
{
    private readonly Node _root = new();
    private readonly List<RouteEntry> _routes = [];

    /// <summary>Gets every mapped route in the order it was mapped.</summary>
    public IReadOnlyList<RouteEntry> Routes => _routes;

    /// <summary>Maps a route.</summary>
    /// <param name="method">"GET", "POST", "PATCH", ...</param>
    /// <param name="template">The path template after <c>/v2</c>, parameters in braces.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="auth">Which token the route needs.</param>
    /// <param name="locksShip">Whether a non-GET request takes the ship lock on the <c>shipSymbol</c> route value.</param>
    /// <param name="idempotent">
    /// Whether executing the action again changes nothing (orbit, dock, setting the flight mode): a repeat is then not
    /// counted as a duplicated action. Ignored for GET.
    /// </param>
    /// <exception cref="InvalidOperationException">The method and template are already mapped.</exception>
    public void Map(string method, string template, SimHandler handler, RouteAuth auth, bool locksShip = false, bool idempotent = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(handler);
        method = method.ToUpperInvariant();
        var node = _root;
        var names = new List<string>();
        foreach (var segment in template.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
            {
                var name = segment[1..^1];
                node.Parameter ??= new Node();
                node = node.Parameter;
                names.Add(name);
            }
            else
            {
                if (!node.Literals.TryGetValue(segment, out var next))
                {
                    next = new Node();
                    node.Literals.Add(segment, next);
                }

                node = next;
            }
        }

        if (locksShip && !names.Contains("shipSymbol"))
        {
            throw new ArgumentException("A route that locks the ship needs a {shipSymbol} parameter.", nameof(locksShip));
        }

        var entry = new RouteEntry(method, template, handler, auth, locksShip && method != "GET", [.. names]) { Idempotent = idempotent || method == "GET" };
        if (!node.Endpoints.TryAdd(method, entry))
        {
            throw new InvalidOperationException($"{method} {template} is already mapped.");
        }

        _routes.Add(entry);
    }

    /// <summary>Finds the route for <paramref name="method"/> and <paramref name="path"/>.</summary>
    /// <param name="method">The request method (upper case).</param>
    /// <param name="path">The path after <c>/v2</c>.</param>
    /// <param name="routeValues">The captured parameters (URL-decoded) when matched.</param>
    /// <returns>The route, or <see langword="null"/> when nothing matches.</returns>
    public RouteEntry? Match(string method, string path, out IReadOnlyDictionary<string, string> routeValues)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        Span<Range> captured = stackalloc Range[8];
        var entry = Walk(_root, method, path.AsSpan(), path, captured, 0);
        if (entry is null)
        {
            routeValues = EmptyValues;
            return null;
        }

        if (entry.ParameterNames.Length == 0)
        {
            routeValues = EmptyValues;
        }
        else
        {
            var values = new Dictionary<string, string>(entry.ParameterNames.Length, StringComparer.Ordinal);
            for (var i = 0; i < entry.ParameterNames.Length; i++)
            {
                var raw = path[captured[i]];
                values[entry.ParameterNames[i]] = raw.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(raw) : raw;
            }

            routeValues = values;
        }

        return entry;
    }

    private static readonly Dictionary<string, string> EmptyValues = new(0, StringComparer.Ordinal);

    private static RouteEntry? Walk(Node node, string method, ReadOnlySpan<char> rest, string path, Span<Range> captured, int depth)
    {
        // Skip the leading separator(s).
        var start = path.Length - rest.Length;
        while (!rest.IsEmpty && rest[0] == '/')
        {
            rest = rest[1..];
            start++;
        }

        if (rest.IsEmpty)
        {
            return node.Endpoints.TryGetValue(method, out var found) ? found : null;
        }

        var end = rest.IndexOf('/');
        var segment = end < 0 ? rest : rest[..end];
        var after = end < 0 ? [] : rest[end..];
        if (node.Literals.Count > 0 && node.LiteralLookup.TryGetValue(segment, out var literal))
        {
            var hit = Walk(literal, method, after, path, captured, depth);
            if (hit is not null)
            {
                return hit;
            }
        }

        if (node.Parameter is not null && depth < captured.Length)
        {
            captured[depth] = new Range(start, start + segment.Length);
            return Walk(node.Parameter, method, after, path, captured, depth + 1);
        }

        return null;
    }

    private sealed class Node
    {
        public Node()
        {
            Literals = new Dictionary<string, Node>(StringComparer.Ordinal);
            LiteralLookup = Literals.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, Node> Literals { get; }

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> LiteralLookup { get; }

        public Node? Parameter { get; set; }

        public Dictionary<string, RouteEntry> Endpoints { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One mapped route.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Template">The template after <c>/v2</c>.</param>
/// <param name="Handler">The handler.</param>
/// <param name="Auth">Which token the route needs.</param>
/// <param name="LocksShip">Whether requests take the ship lock (only ever true for non-GET methods).</param>
/// <param name="ParameterNames">The template's parameter names, in order.</param>
internal sealed record RouteEntry(string Method, string Template, SimHandler Handler, RouteAuth Auth, bool LocksShip, string[] ParameterNames)
{
    /// <summary>Gets a value indicating whether executing the request again changes nothing (every GET; orbit, dock, setting the flight mode).</summary>
    public bool Idempotent { get; init; }
}
