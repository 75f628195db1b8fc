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
    public Endpoint(string method, string template, string operationId, string area, RequestPriority defaultPriority)
    {
        Method = method;
        Template = template;
        OperationId = operationId;
        Area = area;
        DefaultPriority = defaultPriority;
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
