using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpaceTraders.Sdk.Recording;

/// <summary>Reads recordings written by <see cref="TrafficRecorder"/>: the file and its rotated files, oldest exchange first.</summary>
public static class TrafficRecording
{
    /// <summary>Gets the files of a recording that exist, oldest first: <c>file.N</c> ... <c>file.1</c>, then <c>file</c>.</summary>
    /// <param name="path">The recording's file, as given to <see cref="TrafficRecorderOptions.Path"/>.</param>
    /// <returns>The files' full paths.</returns>
    public static IReadOnlyList<string> Files(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var rotated = new List<(int Number, string File)>();
        var directory = System.IO.Path.GetDirectoryName(full)!;
        var name = System.IO.Path.GetFileName(full);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, name + ".*"))
            {
                var fileName = System.IO.Path.GetFileName(file);
                if (fileName.Length <= name.Length + 1 || !fileName.StartsWith(name + ".", StringComparison.Ordinal))
                {
                    continue;
                }

                var suffix = fileName[(name.Length + 1)..];
                if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
                {
                    rotated.Add((number, file));
                }
            }
        }

        var files = rotated.OrderByDescending(r => r.Number).Select(r => r.File).ToList();
        if (File.Exists(full))
        {
            files.Add(full);
        }

        return files;
    }

    /// <summary>Reads every exchange of a recording, oldest first (rotated files included).</summary>
    /// <param name="path">The recording's file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The exchanges.</returns>
    /// <exception cref="FileNotFoundException">There is no such recording.</exception>
    /// <exception cref="FormatException">A line is not an exchange (its file and line are named).</exception>
    public static async Task<IReadOnlyList<RecordedExchange>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var files = Files(path);
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"There is no recording at {System.IO.Path.GetFullPath(path)}.", path);
        }

        var exchanges = new List<RecordedExchange>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(file, Encoding.UTF8, cancellationToken).ConfigureAwait(false))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    exchanges.Add(Parse(line));
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
                {
                    throw new FormatException($"{file}, line {number}: not a recorded exchange ({ex.Message})", ex);
                }
            }
        }

        return exchanges;
    }

    /// <summary>Writes one exchange as one line of JSON (without the line break).</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="output">Where the UTF-8 bytes go.</param>
    internal static void Write(RecordedExchange exchange, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("at", exchange.At);
        writer.WriteString("method", exchange.Method);
        writer.WriteString("path", exchange.Path);
        writer.WriteBoolean("authorized", exchange.Authorized);
        if (exchange.RequestBody is not null)
        {
            writer.WriteString("requestBody", exchange.RequestBody);
        }

        writer.WriteNumber("status", exchange.Status);
        writer.WriteStartObject("headers");
        foreach (var (name, value) in exchange.Headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        if (exchange.Body is not null)
        {
            writer.WriteString("body", exchange.Body);
        }

        if (exchange.Error is not null)
        {
            writer.WriteString("error", exchange.Error);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one line written by <see cref="Write"/>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The exchange.</returns>
    internal static RecordedExchange Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("headers", out var headerObject) && headerObject.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headerObject.EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString() ?? string.Empty;
            }
        }

        return new RecordedExchange(
            root.GetProperty("at").GetDateTimeOffset(),
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            root.TryGetProperty("authorized", out var authorized) && authorized.GetBoolean(),
            Text(root, "requestBody"),
            root.GetProperty("status").GetInt32(),
            headers,
            Text(root, "body"),
            Text(root, "error"));
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
