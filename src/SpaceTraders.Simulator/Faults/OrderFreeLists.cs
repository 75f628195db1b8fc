using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Faults;

/// <summary>
/// The lists of an answer whose order means nothing in the game, and the <see cref="FaultKind.Reorder"/> that shuffles
/// them in an encoded answer. The decision, list by list, is the table in <c>Hosting/README.md</c>; keep the two in step.
/// </summary>
/// <remarks>
/// Lists are found by their property name anywhere in the body except the envelope's own <c>data</c> (so the
/// <c>data</c> array of a paged endpoint keeps its order, while the order-free lists inside its items are shuffled).
/// One name the game uses for two things is told apart by its object: a survey's <c>deposits</c> (an object with a
/// <c>signature</c>) stays in order, because a survey must be sent back unmodified and the game checks it as sent.
/// </remarks>
internal static class OrderFreeLists
{
    /// <summary>Gets the property names of the lists shuffled, with where the game writes them.</summary>
    public static FrozenSet<string> Names { get; } = new[]
    {
        "inventory",   // ShipCargo
        "mounts",      // Ship, ShipyardShip, ScannedShip, install/remove mount answers
        "modules",     // Ship, ShipyardShip, install/remove module answers
        "imports",     // Market
        "exports",     // Market
        "exchange",    // Market
        "tradeGoods",  // Market
        "traits",      // Waypoint, Faction
        "orbitals",    // Waypoint, SystemWaypoint, ScannedWaypoint
        "modifiers",   // Waypoint, extraction answer
        "deposits",    // ShipMount (a surveyor's deposits); not Survey (see remarks)
        "surveys",     // create-survey answer
        "deliver",     // ContractTerms
        "materials",   // Construction
        "shipTypes",   // Shipyard
        "ships",       // Shipyard, scan-ships answer, registration answer
        "connections", // JumpGate
        "waypoints",   // System, scan-waypoints answer
        "factions",    // System
        "systems",     // scan-systems answer
        "produced",    // refine answer
        "consumed",    // refine answer
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Shuffles the order-free lists of a success answer's JSON body; other answers stay as they are.</summary>
    /// <param name="response">The answer; its <see cref="SimResponse.RawBody"/> is set when a list moved.</param>
    /// <param name="random">The request's shuffle.</param>
    /// <returns>How many lists of two or more items were shuffled.</returns>
    public static int Apply(SimResponse response, Random random)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(random);
        if (response.Status is < 200 or >= 300 || response.Drop != ConnectionDrop.None
            || !response.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return 0;
        }

        var body = response.EncodeBody();
        if (body.IsEmpty || JsonNode.Parse(body.Span) is not JsonObject root)
        {
            return 0;
        }

        var shuffled = 0;
        foreach (var (_, value) in root)
        {
            // The envelope's own lists (data of a paged endpoint, meta) keep their order; what is inside them does not.
            if (value is JsonArray items)
            {
                foreach (var item in items)
                {
                    shuffled += Visit(item, random);
                }
            }
            else
            {
                shuffled += Visit(value, random);
            }
        }

        if (shuffled > 0)
        {
            var buffer = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                root.WriteTo(writer);
            }

            response.RawBody = buffer.WrittenMemory;
        }

        return shuffled;
    }

    private static int Visit(JsonNode? node, Random random)
    {
        var shuffled = 0;
        switch (node)
        {
            case JsonObject obj:
                var isSurvey = obj.ContainsKey("signature");
                foreach (var (name, value) in obj)
                {
                    if (value is JsonArray list && Names.Contains(name) && !(isSurvey && name == "deposits"))
                    {
                        shuffled += Shuffle(list, random);
                    }

                    shuffled += Visit(value, random);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    shuffled += Visit(item, random);
                }

                break;
        }

        return shuffled;
    }

    private static int Shuffle(JsonArray list, Random random)
    {
        if (list.Count < 2)
        {
            return 0;
        }

        var items = new JsonNode?[list.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = list[i];
        }

        random.Shuffle(items);
        list.Clear();
        foreach (var item in items)
        {
            list.Add(item);
        }

        return 1;
    }
}
