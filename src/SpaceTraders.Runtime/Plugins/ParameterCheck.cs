using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Plugins;

/// <summary>
/// Checks parameter values against a strategy's schema before anything runs: a value of the wrong type or outside the
/// allowed values is found where it is given (a plugin's own defaults at load, a conductor's parameters at the
/// runtime's start, a behaviour's at <see cref="IConductorContext.Assign"/>, a host's own settings before it starts the
/// runtime), not as a <see cref="FormatException"/> in every session afterwards.
/// </summary>
public static class ParameterCheck
{
    /// <summary>
    /// Tells what is wrong with one value of a parameter, as the end of a sentence, or nothing: whether
    /// <see cref="StrategyParameters"/> can read it as the parameter's <see cref="ParameterDescriptor.Type"/>, and whether
    /// <see cref="ParameterDescriptor.Allows"/> it.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="value">The value, as text (empty is valid text and in any list of allowed values, but no number, boolean or duration).</param>
    /// <returns>
    /// For example <c>takes a whole number</c> or <c>takes one of: calm, busy</c>, to follow the parameter's name;
    /// <see langword="null"/> when the value is valid.
    /// </returns>
    public static string? Problem(ParameterDescriptor parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var single = new StrategyParameters([new(parameter.Name, value ?? string.Empty)]);
        try
        {
            _ = parameter.Type switch
            {
                ParameterType.Integer => (object)single.GetInt32(parameter.Name, 0),
                ParameterType.Number => single.GetDouble(parameter.Name, 0),
                ParameterType.Boolean => single.GetBoolean(parameter.Name, false),
                ParameterType.Duration => single.GetDuration(parameter.Name, TimeSpan.Zero),
                _ => value ?? string.Empty,
            };
        }
        catch (FormatException)
        {
            return "takes " + Describe(parameter.Type);
        }

        return parameter.Allows(value)
            ? null
            : $"takes {(parameter.Type == ParameterType.List ? "items from" : "one of")}: {string.Join(", ", parameter.AllowedValues!)}";
    }

    /// <summary>Tells what is wrong with a plugin's declared defaults, or nothing.</summary>
    /// <param name="strategy">A behaviour or conductor of the plugin.</param>
    /// <returns>A sentence naming the strategy and the parameter; <see langword="null"/> when every default is valid.</returns>
    internal static string? DefaultsProblem(StrategyDescriptor strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        foreach (var parameter in strategy.Parameters ?? [])
        {
            if (parameter is null || string.IsNullOrWhiteSpace(parameter.Name))
            {
                return $"'{strategy.Id}' declares a parameter without a name.";
            }

            if (parameter.DefaultValue is { } value && Problem(parameter, value) is { } problem)
            {
                return $"the parameter '{parameter.Name}' of '{strategy.Id}' has the default '{value}', but it {problem}.";
            }
        }

        return null;
    }

    /// <summary>Tells what is wrong with the parameters given to a strategy, or nothing.</summary>
    /// <param name="strategy">The strategy's descriptor.</param>
    /// <param name="parameters">The parameters given (before the defaults are added).</param>
    /// <returns>A sentence naming the parameter; <see langword="null"/> when every declared one is valid.</returns>
    internal static string? GivenProblem(StrategyDescriptor strategy, StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            // A name the strategy does not declare is passed on as given: strategies may read parameters they do not
            // list, and a host's own conductors often do (the runner refuses them for --param, where a person types).
            var parameter = strategy.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (parameter is not null && Problem(parameter, value) is { } problem)
            {
                return $"'{strategy.Id}' was given {parameter.Name}={value}, but {parameter.Name} {problem}.";
            }
        }

        return null;
    }

    /// <summary>The names given to a strategy that it does not declare (case-insensitive), in the order given.</summary>
    /// <param name="strategy">The strategy's descriptor.</param>
    /// <param name="parameters">The parameters given.</param>
    /// <returns>The undeclared names; empty when every name is declared.</returns>
    internal static IReadOnlyList<string> Undeclared(StrategyDescriptor strategy, StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(parameters);
        var declared = (strategy.Parameters ?? []).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. parameters.Select(p => p.Key).Where(name => !declared.Contains(name))];
    }

    /// <summary>The declared parameter names of a strategy, for a message: <c>a, b</c>, or <c>none</c>.</summary>
    /// <param name="strategy">The strategy's descriptor.</param>
    /// <returns>The names, comma separated.</returns>
    internal static string DeclaredNames(StrategyDescriptor strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var names = (strategy.Parameters ?? []).Select(p => p.Name).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string Describe(ParameterType type) => type switch
    {
        ParameterType.Integer => "a whole number",
        ParameterType.Number => "a number such as 0.5",
        ParameterType.Boolean => "true or false",
        ParameterType.Duration => "a duration (seconds, hh:mm:ss, or a number with s, m, h or d: 90m, 12h)",
        _ => "text",
    };
}
