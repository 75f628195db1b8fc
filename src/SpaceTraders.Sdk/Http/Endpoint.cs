using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>One operation of the SpaceTraders API.</summary>
public sealed class Endpoint
{
    /// <summary>Initializes a new instance of the <see cref="Endpoint"/> class.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="template">The path template relative to the API root, for example <c>/my/ships/{shipSymbol}/extract</c>.</param>
    /// <param name="operationId">The spec's operation id.</param>
    /// <param name="area">The spec's tag (Global, Accounts, Agents, Factions, Systems, Contracts, Fleet, Data).</param>
    /// <param name="defaultPriority">The priority it queues with unless a call overrides it.</param>
    /// <param name="isIdempotent">
    /// Whether sending the request twice has the effect of sending it once, so a retry is safe whatever happened to
    /// the first send. Always <see langword="true"/> for GET. The default value is <see langword="false"/>.
    /// </param>
    public Endpoint(string method, string template, string operationId, string area, RequestPriority defaultPriority, bool isIdempotent = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(template);
        Method = method;
        Template = template;
        OperationId = operationId;
        Area = area;
        DefaultPriority = defaultPriority;
        IsIdempotent = isIdempotent || IsSafe;
        Segments = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        VariableSegments = Segments.Count(s => s.StartsWith('{'));
    }

    /// <summary>Gets the HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>Gets the path template, for example <c>/my/ships/{shipSymbol}/extract</c>.</summary>
    public string Template { get; }

    /// <summary>Gets the spec's operation id, for example <c>extract-resources</c>.</summary>
    public string OperationId { get; }

    /// <summary>Gets the API area (the spec's first tag).</summary>
    public string Area { get; }

    /// <summary>Gets the priority requests to this operation queue with unless a call overrides it.</summary>
    public RequestPriority DefaultPriority { get; }

    /// <summary>Gets a value indicating whether the operation only reads (GET), so retrying it is always safe.</summary>
    public bool IsSafe => Method == "GET";

    /// <summary>
    /// Gets a value indicating whether a second send has the effect of one (every GET; of the actions, orbit, dock
    /// and setting the flight mode: see <see cref="EndpointCatalog"/>). The SDK retries an idempotent request on
    /// any transient failure; any other action whose outcome is unknown is reconciled by reading back what it
    /// would have changed, never resent blindly.
    /// </summary>
    public bool IsIdempotent { get; }

    internal string[] Segments { get; }

    internal int VariableSegments { get; }

    /// <inheritdoc />
    public override string ToString() => Method + " " + Template;

    internal bool Matches(ReadOnlySpan<char> path, ReadOnlySpan<Range> ranges)
    {
        for (var i = 0; i < Segments.Length; i++)
        {
            var segment = Segments[i];
            if (segment[0] == '{')
            {
                continue;
            }

            if (!path[ranges[i]].Equals(segment, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
