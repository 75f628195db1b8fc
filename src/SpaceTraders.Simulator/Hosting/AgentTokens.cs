using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// Mints and checks agent tokens. A token is a JWT-shaped string (HS256) whose payload names the agent and the
/// server reset it belongs to, like the real server's tokens. Checking one needs no lookup in the game: a good
/// signature means this server issued it, and the reset number says whether it predates the last reset.
/// </summary>
/// <remarks>
/// The signing key is 32 random bytes per instance unless a fixed key is given (reproducible tests): a key derived
/// from something a client can know (the seed) would let anyone forge a token for any agent.
/// </remarks>
internal sealed class AgentTokens
{
    private const int MaxCachedTokens = 100_000;
    private static readonly string Header = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, TokenClaims> _checked = new(StringComparer.Ordinal);
    private Era _era;

    /// <summary>Initializes a new instance of the <see cref="AgentTokens"/> class.</summary>
    /// <param name="key">The HMAC-SHA256 key, at least 32 bytes; see <see cref="CreateKey"/>.</param>
    /// <param name="resetDate">The first reset's date.</param>
    public AgentTokens(byte[] key, DateOnly resetDate)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The token signing key needs at least 32 bytes.", nameof(key));
        }

        _key = [.. key];
        _era = new Era(0, Format(resetDate));
    }

    /// <summary>Gets the number of the current reset (0 for the first world, then 1, 2, ...).</summary>
    public int Reset => Volatile.Read(ref _era).Number;

    /// <summary>Gets the current reset's date as <c>yyyy-MM-dd</c>.</summary>
    public string ResetDate => Volatile.Read(ref _era).Date;

    /// <summary>Creates a signing key: 32 random bytes, or the SHA-256 of <paramref name="secret"/> when one is given.</summary>
    /// <param name="secret">A fixed secret for reproducible tokens (tests), or <see langword="null"/> for a random key.</param>
    /// <returns>The key.</returns>
    public static byte[] CreateKey(string? secret)
        => secret is null ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes("spacetraders-simulator/" + secret));

    /// <summary>Starts a new reset: every token issued so far is rejected with the reset error from now on.</summary>
    /// <param name="number">The new reset's number (greater than the current one).</param>
    /// <param name="resetDate">The new reset's date.</param>
    public void BeginReset(int number, DateOnly resetDate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(number, Reset);
        Volatile.Write(ref _era, new Era(number, Format(resetDate)));
    }

    /// <summary>Issues a token for <paramref name="agentSymbol"/> in the current reset.</summary>
    /// <param name="agentSymbol">The agent's symbol.</param>
    /// <param name="issuedAt">The issue time (the <c>iat</c> claim).</param>
    /// <returns>The token.</returns>
    public string Issue(string agentSymbol, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentSymbol);
        var era = Volatile.Read(ref _era);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("identifier", agentSymbol);
            writer.WriteString("version", "v2.3.0");
            writer.WriteString("reset_date", era.Date);
            writer.WriteNumber("reset", era.Number);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("sub", "agent-token");
            writer.WriteEndObject();
        }

        var unsigned = Header + "." + Base64Url.EncodeToString(buffer.WrittenSpan);
        return unsigned + "." + Base64Url.EncodeToString(Sign(unsigned));
    }

    /// <summary>Checks a token.</summary>
    /// <param name="token">The bearer token.</param>
    /// <param name="claims">What the token says (agent, reset number and date), when it is one of ours.</param>
    /// <returns>Whether the token is valid, from an earlier reset, or not ours.</returns>
    public TokenCheck Check(string token, out TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_checked.TryGetValue(token, out var known))
        {
            if (!TryRead(token, out known))
            {
                claims = TokenClaims.None;
                return TokenCheck.Invalid;
            }

            // Only tokens with a good signature are cached, so a flood of forged tokens cannot grow the cache.
            if (_checked.Count >= MaxCachedTokens)
            {
                _checked.Clear();
            }

            _checked.TryAdd(token, known);
        }

        claims = known;
        return known.Reset == Reset ? TokenCheck.Valid : TokenCheck.EarlierReset;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private byte[] Sign(string unsigned) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(unsigned));

    private sealed record Era(int Number, string Date);

    private bool TryRead(string token, out TokenClaims claims)
    {
        claims = TokenClaims.None;
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
            claims = new TokenClaims(
                root.GetProperty("identifier").GetString()!,
                root.GetProperty("reset").GetInt32(),
                root.GetProperty("reset_date").GetString()!);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>What a token this server issued says.</summary>
/// <param name="Agent">The agent's symbol.</param>
/// <param name="Reset">The number of the reset it was issued in.</param>
/// <param name="ResetDate">That reset's date (<c>yyyy-MM-dd</c>).</param>
internal sealed record TokenClaims(string Agent, int Reset, string ResetDate)
{
    /// <summary>Gets the claims of a token that is not ours.</summary>
    public static TokenClaims None { get; } = new(string.Empty, -1, string.Empty);
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
