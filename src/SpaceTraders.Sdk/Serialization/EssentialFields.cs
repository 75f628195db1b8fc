using System.Collections.Frozen;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// The fields the client cannot act without: when a response lacks one of these (or sends it as null) the call fails
/// with <see cref="Errors.RequiredFieldMissingException"/> naming it. Every other required field is read as its
/// default and reported.
/// </summary>
/// <remarks>
/// Each is an identity the SDK keys its state or its next request by, or a value nothing can stand in for: the
/// payload itself (<c>data</c>), the paging of a list (without <c>meta</c> the SDK cannot know when a list ends), a
/// ship's, agent's, waypoint's, market's, system's or faction's symbol, a contract's id, a survey's signature (a
/// survey is sent back as it came), a ship's position (<c>nav.systemSymbol</c>, <c>nav.waypointSymbol</c>: no route
/// can be planned without them) and the token of a registration (the only copy of the new agent's key).
/// </remarks>
internal static class EssentialFields
{
    private static readonly FrozenSet<(Type Type, string Field)> Fields = new (Type Type, string Field)[]
    {
        (typeof(DataEnvelope<>), "data"),
        (typeof(PagedEnvelope<>), "data"),
        (typeof(PagedEnvelope<>), "meta"),
        (typeof(Ship), "symbol"),
        (typeof(ShipNav), "systemSymbol"),
        (typeof(ShipNav), "waypointSymbol"),
        (typeof(Agent), "symbol"),
        (typeof(PublicAgent), "symbol"),
        (typeof(Contract), "id"),
        (typeof(Waypoint), "symbol"),
        (typeof(SystemWaypoint), "symbol"),
        (typeof(StarSystem), "symbol"),
        (typeof(Market), "symbol"),
        (typeof(Shipyard), "symbol"),
        (typeof(JumpGate), "symbol"),
        (typeof(Construction), "symbol"),
        (typeof(Faction), "symbol"),
        (typeof(Survey), "signature"),
        (typeof(RegisterResult), "token"),
    }.ToFrozenSet();

    /// <summary>Tells whether the client cannot act without a field.</summary>
    /// <param name="type">The type that declares it (a closed generic envelope is matched by its definition).</param>
    /// <param name="field">The field's JSON name.</param>
    /// <returns><see langword="true"/> for an essential field.</returns>
    public static bool Contains(Type type, string field)
    {
        ArgumentNullException.ThrowIfNull(type);
        var key = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return Fields.Contains((key, field));
    }
}
