namespace SpaceTraders.Runtime.Abstractions;

/// <summary>What a plugin is and offers. Several versions of one plugin id can be loaded side by side.</summary>
/// <param name="Id">The plugin's stable id, for example <c>spacetraders.weekly</c>.</param>
/// <param name="Version">The plugin's version label, for example <c>week04</c>; behaviours are referred to as <c>id@version</c>.</param>
/// <param name="ContractVersion">The <see cref="PluginContract.Version"/> the plugin was compiled against: always write <c>PluginContract.Version</c>.</param>
/// <param name="Behaviours">The behaviours (per-ship strategies) the plugin offers.</param>
/// <param name="Conductors">The conductors (fleet strategies) the plugin offers.</param>
public sealed record PluginManifest(
    string Id,
    string Version,
    int ContractVersion,
    IReadOnlyList<StrategyDescriptor> Behaviours,
    IReadOnlyList<StrategyDescriptor> Conductors)
{
    /// <summary>Gets a one-line description of the plugin.</summary>
    public string? Description { get; init; }
}

/// <summary>One behaviour or conductor a plugin offers.</summary>
/// <param name="Id">The strategy's id, stable across versions (for example <c>extract-and-sell</c>), so reports can compare versions.</param>
/// <param name="Description">What it does, in a sentence.</param>
/// <param name="Parameters">The parameters it accepts.</param>
public sealed record StrategyDescriptor(string Id, string Description, IReadOnlyList<ParameterDescriptor> Parameters)
{
    /// <summary>Creates a descriptor without parameters.</summary>
    /// <param name="id">The strategy's id.</param>
    /// <param name="description">What it does.</param>
    public StrategyDescriptor(string id, string description)
        : this(id, description, [])
    {
    }
}

/// <summary>One parameter of a behaviour or conductor: its schema.</summary>
/// <param name="Name">The parameter's name, for example <c>sellThreshold</c>.</param>
/// <param name="Type">The kind of value.</param>
/// <param name="Description">What it controls.</param>
/// <param name="DefaultValue">The value used when none is given, in the invariant text form read by <see cref="StrategyParameters"/>; <see langword="null"/> when required or unset.</param>
/// <remarks>
/// A parameter whose values are a fixed set names them in <see cref="AllowedValues"/>: the runtime refuses any other value
/// (with the list) before the strategy starts, and the runner before the run starts.
/// </remarks>
public sealed record ParameterDescriptor(string Name, ParameterType Type, string Description, string? DefaultValue = null)
{
    /// <summary>
    /// Gets the values the parameter may take, compared ignoring case and the spaces around them (each item of a
    /// <see cref="ParameterType.List"/>), or <see langword="null"/> when any value of its <see cref="Type"/> is allowed.
    /// An empty value (not given) is always allowed. The default value is <see langword="null"/>.
    /// </summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>Tells whether <paramref name="value"/> is one of the <see cref="AllowedValues"/> (every item of it, for a list).</summary>
    /// <param name="value">The value, as text.</param>
    /// <returns><see langword="true"/> when there is no list of allowed values, the value is empty, or it is in the list.</returns>
    public bool Allows(string? value)
    {
        if (AllowedValues is not { } allowed || string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        IEnumerable<string> items = Type == ParameterType.List
            ? value.Split(['|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [value.Trim()];
        return items.All(item => allowed.Any(a => string.Equals(a.Trim(), item, StringComparison.OrdinalIgnoreCase)));
    }
}

/// <summary>The kinds of parameter values.</summary>
public enum ParameterType
{
    /// <summary>Free text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A duration in <c>c</c> format (<c>00:05:00</c>) or seconds.</summary>
    Duration,

    /// <summary>A comma-separated list of text values.</summary>
    List,
}
