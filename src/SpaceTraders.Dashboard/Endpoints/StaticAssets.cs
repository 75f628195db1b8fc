using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace SpaceTraders.Dashboard.Endpoints;

/// <summary>The pages' scripts, styles and the vendored chart library, embedded in the assembly and served from memory.</summary>
internal sealed class StaticAssets
{
    private const string Prefix = "wwwroot/";

    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public StaticAssets()
    {
        var assembly = typeof(StaticAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"");
            _assets[name[Prefix.Length..].Replace('\\', '/')] = new Asset(bytes, ContentType(name), tag);
        }
    }

    /// <summary>Gets the asset paths (for tests).</summary>
    public IReadOnlyCollection<string> Paths => _assets.Keys;

    public bool TryGet(string path, out Asset asset) => _assets.TryGetValue(path, out asset!);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".md" => "text/markdown; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    internal sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue Tag);
}
