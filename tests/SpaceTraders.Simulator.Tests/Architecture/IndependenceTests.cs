using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SpaceTraders.Simulator.Tests.Architecture;

/// <summary>The simulator is an independent implementation of the API: from the SDK it uses the timing contract only.</summary>
[TestFixture]
public sealed class IndependenceTests
{
    [Test]
    public void The_simulator_references_no_sdk_type_outside_SpaceTraders_Sdk_Timing()
    {
        var referenced = SdkTypesReferencedBy(typeof(Simulation).Assembly.Location);

        Assert.That(referenced, Is.Not.Empty, "the scan finds the timing contract, so it is looking at the right references");
        Assert.That(referenced, Has.Some.EqualTo("SpaceTraders.Sdk.Timing.ClockWaits"));
        Assert.That(referenced.Where(t => !t.StartsWith("SpaceTraders.Sdk.Timing.", StringComparison.Ordinal)), Is.Empty);
    }

    private static List<string> SdkTypesReferencedBy(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var result = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            var scope = type.ResolutionScope;
            if (scope.Kind != HandleKind.AssemblyReference)
            {
                continue; // nested types resolve through their declaring type, which is listed itself
            }

            var assembly = metadata.GetAssemblyReference((AssemblyReferenceHandle)scope);
            if (metadata.GetString(assembly.Name) == "SpaceTraders.Sdk")
            {
                result.Add(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name));
            }
        }

        return result;
    }
}
