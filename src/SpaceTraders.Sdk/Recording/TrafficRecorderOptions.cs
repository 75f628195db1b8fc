namespace SpaceTraders.Sdk.Recording;

/// <summary>Where and how a <see cref="TrafficRecorder"/> writes: the file, its size bound, the secrets it blanks out.</summary>
public sealed class TrafficRecorderOptions
{
    /// <summary>The text every secret is replaced with in a recording.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// Gets or sets the file the recording is written to, as JSON lines (one <see cref="RecordedExchange"/> per line). A
    /// recording starts afresh: an earlier file at this path and its rotated files are replaced, as the recorder is
    /// created or, with <see cref="ReplaceOnCommit"/>, on <see cref="TrafficRecorder.Commit"/>. Required.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the size at which the file is rotated: it is renamed <c>file.1</c> (an older <c>file.1</c> becomes
    /// <c>file.2</c>, and so on) and a new file is started. Must be at least 4 KiB. The default value is 64 MiB.
    /// </summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Gets or sets how many rotated files are kept besides the current one; older ones are deleted, so a recording
    /// never takes more than <c>(MaxFiles + 1) × MaxFileBytes</c> on disk. Must not be negative. The default value is 4.
    /// </summary>
    public int MaxFiles { get; set; } = 4;

    /// <summary>
    /// Gets strings to blank out wherever they appear (the agent and account tokens). Bearer tokens seen on requests are
    /// blanked out too, as are JWT-shaped strings and every <c>"token"</c> property of a body, so a registration's new
    /// token never reaches the file either. Empty by default.
    /// </summary>
    public IList<string> Secrets { get; } = new List<string>();

    /// <summary>
    /// Gets or sets a value indicating whether the recording is written aside (to <c>file.partial</c>, rotated as
    /// <c>file.partial.1</c> and so on, in the same folder) and replaces the earlier recording at <see cref="Path"/> and its
    /// rotated files only on <see cref="TrafficRecorder.Commit"/>; disposed without a commit, the recorder deletes the
    /// aside files and the earlier recording stays byte for byte. Until the commit both may be on disk, up to twice the
    /// bound of <see cref="MaxFiles"/>. The default value is <see langword="false"/>: the earlier recording is replaced as
    /// the recorder is created (a recorder that is never committed still keeps what it recorded).
    /// </summary>
    public bool ReplaceOnCommit { get; set; }

    /// <summary>Gets or sets the clock the exchanges' times are read from. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
