using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// Mints and checks agent tokens. A token is a JWT-shaped string (HS256, keyed from the world's seed) whose
/// payload names the agent and the server reset it belongs to, like the real server's tokens. Checking one
/// needs no lookup in the game: a good signature means this server issued it, and the reset number says
/// whether it predates the last reset.
/// </summary>
internal sealed class AgentTokens
{
    private const int MaxCachedTokens = 100_000;
    private static readonly string Header = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, (string Agent, int Reset)> _checked = new(StringComparer.Ordinal);
    private int _reset;
    private string _resetDate;

    /// <summary>Initializes a new instance of the <see cref="AgentTokens"/> class.</summary>
    /// <param name="seed">The world seed; the signing key derives from it, so tokens are reproducible.</param>
    /// <param name="resetDate">The current reset's date.</param>
    public AgentTokens(int seed, DateOnly resetDate)
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes("spacetraders-simulator/" + seed.ToString(CultureInfo.InvariantCulture)));
        _resetDate = resetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Gets the number of the current reset (0 for the first world, then 1, 2, ...).</summary>
    public int Reset => Volatile.Read(ref _reset);

    /// <summary>Gets the current reset's date as <c>yyyy-MM-dd</c>.</summary>
    public string ResetDate => Volatile.Read(ref _resetDate);

    /// <summary>Starts a new reset: every token issued so far is rejected with the reset error from now on.</summary>
    /// <param name="resetDate">The new reset's date.</param>
    public void BeginReset(DateOnly resetDate)
    {
        Volatile.Write(ref _resetDate, resetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Interlocked.Increment(ref _reset);
    }

    /// <summary>Issues a token for <paramref name="agentSymbol"/> in the current reset.</summary>
    /// <param name="agentSymbol">The agent's symbol.</param>
    /// <param name="issuedAt">The issue time (the <c>iat</c> claim).</param>
    /// <returns>The token.</returns>
    public string Issue(string agentSymbol, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentSymbol);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("identifier", agentSymbol);
            writer.WriteString("version", "v2.3.0");
            writer.WriteString("reset_date", ResetDate);
            writer.WriteNumber("reset", Reset);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("sub", "agent-token");
            writer.WriteEndObject();
        }

        var unsigned = Header + "." + Base64Url.EncodeToString(buffer.WrittenSpan);
        return unsigned + "." + Base64Url.EncodeToString(Sign(unsigned));
    }

    /// <summary>Checks a token.</summary>
    /// <param name="token">The bearer token.</param>
    /// <param name="agentSymbol">The agent it names, when it is one of ours.</param>
    /// <returns>Whether the token is valid, from an earlier reset, or not ours.</returns>
    public TokenCheck Check(string token, out string agentSymbol)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_checked.TryGetValue(token, out var known))
        {
            if (!TryRead(token, out known))
            {
                agentSymbol = string.Empty;
                return TokenCheck.Invalid;
            }

            if (_checked.Count >= MaxCachedTokens)
            {
                _checked.Clear();
            }

            _checked.TryAdd(token, known);
        }

        agentSymbol = known.Agent;
        return known.Reset == Reset ? TokenCheck.Valid : TokenCheck.EarlierReset;
    }

    private byte[] Sign(string unsigned) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(unsigned));

    private bool TryRead(string token, out (string Agent, int Reset) claims)
    {
        claims = default;
        var lastDot = token.LastIndexOf('.');
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        if (firstDot <= 0 || lastDot <= firstDot || token.Length > 2048)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[64];
        if (!Base64Url.IsValid(token.AsSpan(lastDot + 1))
            || Base64Url.GetMaxDecodedLength(token.Length - lastDot - 1) > signature.Length
            || !Base64Url.TryDecodeFromChars(token.AsSpan(lastDot + 1), signature, out var signatureLength)
            || !CryptographicOperations.FixedTimeEquals(signature[..signatureLength], Sign(token[..lastDot])))
        {
            return false;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            claims = (root.GetProperty("identifier").GetString()!, root.GetProperty("reset").GetInt32());
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>The outcome of <see cref="AgentTokens.Check"/>.</summary>
internal enum TokenCheck
{
    /// <summary>Issued by this server in the current reset.</summary>
    Valid,

    /// <summary>Issued by this server before the last reset (rejected with 4113).</summary>
    EarlierReset,

    /// <summary>Not a token this server issued (rejected with 4104).</summary>
    Invalid,
}
