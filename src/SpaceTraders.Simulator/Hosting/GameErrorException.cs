using System.Text.Json.Serialization.Metadata;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// A game error. The pipeline renders it as <c>{"error":{"message","code","data","requestId"}}</c> with
/// <see cref="HttpStatus"/>.
/// </summary>
internal sealed class GameErrorException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="GameErrorException"/> class.</summary>
    /// <param name="code">The body's error code (4xxx, or the HTTP status for 429 and 503).</param>
    /// <param name="httpStatus">The HTTP status.</param>
    /// <param name="message">The message shown to the player.</param>
    /// <param name="data">The <c>data</c> object, or <see langword="null"/>.</param>
    /// <param name="dataType">Metadata to serialize <paramref name="data"/>; required when <paramref name="data"/> is set.</param>
    public GameErrorException(int code, int httpStatus, string message, object? data = null, JsonTypeInfo? dataType = null)
        : base(message)
    {
        if (data is not null && dataType is null)
        {
            throw new ArgumentNullException(nameof(dataType), "Error data needs its JsonTypeInfo.");
        }

        Code = code;
        HttpStatus = httpStatus;
        Data = data;
        DataType = dataType;
    }

    /// <summary>Gets the body's error code.</summary>
    public int Code { get; }

    /// <summary>Gets the HTTP status.</summary>
    public int HttpStatus { get; }

    /// <summary>Gets the <c>data</c> object, or <see langword="null"/>.</summary>
    public new object? Data { get; }

    /// <summary>Gets the metadata that serializes <see cref="Data"/>.</summary>
    public JsonTypeInfo? DataType { get; }
}
