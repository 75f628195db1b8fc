using System.Runtime.Loader;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>Posts which plugin version (and which load context) runs it, then reports idle.</summary>
public sealed class HelloBehaviour : IBehaviour
{
    public Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
    {
        var assembly = typeof(HelloBehaviour).Assembly;
        var loadContext = AssemblyLoadContext.GetLoadContext(assembly);
        var note = $"{context.Parameters.GetString("greeting", "?")} from {SamplePlugin.Version}|{assembly.GetName().Name}|{RuntimeHelpersHash(loadContext)}|{context.Session.Behaviour}";
        context.Board.Post("hello/" + context.Ship.Symbol, note);
        context.ReportActivity("said hello from " + SamplePlugin.Version);
        return Task.FromResult(BehaviourResult.Idle("said hello"));
    }

    private static int RuntimeHelpersHash(AssemblyLoadContext? loadContext) =>
        loadContext is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(loadContext);
}
