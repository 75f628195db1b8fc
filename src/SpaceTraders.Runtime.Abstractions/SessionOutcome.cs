using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace SpaceTraders.Runtime.Abstractions;

/// <summary>How a behaviour session ended.</summary>
/// <remarks>
/// Stores keep an outcome by its name (<see cref="SessionOutcomes.ToName(SessionOutcome)"/>: <c>completed</c>,
/// <c>idle</c>, <c>failed</c>, <c>cancelled</c>, <c>paused</c>, <c>reset</c>, <c>abandoned</c>, <c>lease-lost</c>), never
/// its number, and JSON writes the same names, so databases and reports written before the enum read unchanged. A
/// stored name this version does not know reads as <see cref="Unknown"/> (see <see cref="SessionOutcomes.Parse(string)"/>).
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SessionOutcome>))]
public enum SessionOutcome
{
    /// <summary>A stored name this version does not know (written by a newer version, or by hand); never written by the runtime.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown = 0,

    /// <summary>The behaviour returned (<see cref="BehaviourOutcome.Completed"/>): it did what it was asked.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The behaviour returned <see cref="BehaviourOutcome.Idle"/>: it found nothing to do.</summary>
    [JsonStringEnumMemberName("idle")]
    Idle,

    /// <summary>The behaviour threw; the runtime restarts the ship after the restart policy's delay.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The conductor assigned other work, or the runtime stopped, and the behaviour ended when cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>The conductor (or saturation control) paused the ship; the session's reason says why.</summary>
    [JsonStringEnumMemberName("paused")]
    Paused,

    /// <summary>The game server reset under the session: not the behaviour's failure.</summary>
    [JsonStringEnumMemberName("reset")]
    Reset,

    /// <summary>
    /// The behaviour did not end within the abandon timeout of being cancelled, or another node took the ship over after
    /// this node's lease lapsed and closed the session it left open.
    /// </summary>
    [JsonStringEnumMemberName("abandoned")]
    Abandoned,

    /// <summary>This node lost the ship's lease (another node holds it) and cancelled the session.</summary>
    [JsonStringEnumMemberName("lease-lost")]
    LeaseLost,
}

/// <summary>The stored names of <see cref="SessionOutcome"/>: what stores write and read.</summary>
public static class SessionOutcomes
{
    /// <summary>Gets the name stores and JSON reports use for an outcome: <c>completed</c>, <c>lease-lost</c> and so on.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Its lower-case name; <c>unknown</c> for <see cref="SessionOutcome.Unknown"/> and for a value outside the enum.</returns>
    public static string ToName(this SessionOutcome outcome) => outcome switch
    {
        SessionOutcome.Completed => "completed",
        SessionOutcome.Idle => "idle",
        SessionOutcome.Failed => "failed",
        SessionOutcome.Cancelled => "cancelled",
        SessionOutcome.Paused => "paused",
        SessionOutcome.Reset => "reset",
        SessionOutcome.Abandoned => "abandoned",
        SessionOutcome.LeaseLost => "lease-lost",
        _ => "unknown",
    };

    /// <summary>Reads a stored name, ignoring case.</summary>
    /// <param name="name">A name as <see cref="ToName(SessionOutcome)"/> writes it.</param>
    /// <param name="outcome">The outcome; <see cref="SessionOutcome.Unknown"/> when the name is not known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out SessionOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<SessionOutcome>())
        {
            if (candidate != SessionOutcome.Unknown && string.Equals(name, candidate.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = SessionOutcome.Unknown;
        return false;
    }

    /// <summary>Reads a stored name, ignoring case; a name this version does not know reads as <see cref="SessionOutcome.Unknown"/>.</summary>
    /// <remarks>
    /// A store reads what older and newer versions wrote: an unknown name neither fails a whole report nor is guessed
    /// at. The stored text is left as it is (reading changes nothing).
    /// </remarks>
    /// <param name="name">A stored name.</param>
    /// <returns>The outcome, or <see cref="SessionOutcome.Unknown"/>.</returns>
    public static SessionOutcome Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        TryParse(name, out var outcome);
        return outcome;
    }
}
