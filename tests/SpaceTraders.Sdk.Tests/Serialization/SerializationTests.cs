using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Serialization;

/// <summary>The JSON conventions: extensible enums, dates in the server's format, absent optional values.</summary>
[TestFixture]
public sealed class SerializationTests
{
    [Test]
    public void An_unknown_enum_value_deserializes_keeps_its_string_and_round_trips()
    {
        var json = """{"symbol":"UNOBTANIUM_ORE","units":3}""";

        var item = JsonSerializer.Deserialize(json, SpaceTradersJsonContext.Default.ExtractionYield)!;

        Assert.That(item.Symbol.Value, Is.EqualTo("UNOBTANIUM_ORE"));
        Assert.That(item.Symbol.IsKnown, Is.False);
        Assert.That(item.Symbol, Is.EqualTo(new TradeSymbol("UNOBTANIUM_ORE")));
        Assert.That(item.Symbol, Is.Not.EqualTo(TradeSymbol.IronOre));
        Assert.That(JsonSerializer.Serialize(item, SpaceTradersJsonContext.Default.ExtractionYield), Is.EqualTo(json));
    }

    [Test]
    public void A_ship_full_of_values_from_a_future_reset_still_deserializes()
    {
        var ship = JsonNode.Parse(Fixtures.Read("get-my-ship"))!["data"]!;
        ship["registration"]!["role"] = "BATTLECRUISER";
        ship["nav"]!["status"] = "HYPERSPACE";
        ship["nav"]!["flightMode"] = "LUDICROUS";
        ship["frame"]!["symbol"] = "FRAME_DREADNOUGHT";
        ship["cargo"]!["inventory"]![0]!["symbol"] = "DARK_MATTER";
        ship["crew"]!["rotation"] = "CHAOTIC";
        ship["extraField"] = "ignored";

        var parsed = ship.Deserialize(SpaceTradersJsonContext.Default.Ship)!;

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Registration.Role.Value, Is.EqualTo("BATTLECRUISER"));
            Assert.That(parsed.Nav.Status.Value, Is.EqualTo("HYPERSPACE"));
            Assert.That(parsed.Nav.Status.IsKnown, Is.False);
            Assert.That(parsed.Nav.FlightMode.Value, Is.EqualTo("LUDICROUS"));
            Assert.That(parsed.Frame.Symbol.Value, Is.EqualTo("FRAME_DREADNOUGHT"));
            Assert.That(parsed.Cargo.Inventory[0].Symbol.Value, Is.EqualTo("DARK_MATTER"));
            Assert.That(parsed.Crew.Rotation.Value, Is.EqualTo("CHAOTIC"));
        });
        var written = JsonNode.Parse(JsonSerializer.Serialize(parsed, SpaceTradersJsonContext.Default.Ship))!;
        Assert.That((string?)written["frame"]!["symbol"], Is.EqualTo("FRAME_DREADNOUGHT"));
        Assert.That((string?)written["cargo"]!["inventory"]![0]!["symbol"], Is.EqualTo("DARK_MATTER"));
    }

    [Test]
    public void Known_values_compare_convert_and_print_as_the_api_spells_them()
    {
        TradeSymbol fromString = "IRON_ORE";

        Assert.Multiple(() =>
        {
            Assert.That(fromString == TradeSymbol.IronOre, Is.True);
            Assert.That(fromString != TradeSymbol.Iron, Is.True);
            Assert.That(fromString.Equals((object)TradeSymbol.IronOre), Is.True);
            Assert.That(fromString.GetHashCode(), Is.EqualTo(TradeSymbol.IronOre.GetHashCode()));
            Assert.That(fromString.ToString(), Is.EqualTo("IRON_ORE"));
            Assert.That(fromString.IsKnown, Is.True);
            Assert.That(new TradeSymbol("iron_ore") == TradeSymbol.IronOre, Is.False, "values are compared ordinally, as the API spells them");
            Assert.That(ShipModuleSymbol.ModuleCargoHoldII.Value, Is.EqualTo("MODULE_CARGO_HOLD_II"));
            Assert.That(default(TradeSymbol).Value, Is.Empty);
            Assert.That(default(TradeSymbol).IsKnown, Is.False);
            Assert.That(() => new TradeSymbol(null!), Throws.ArgumentNullException);
        });
    }

    [Test]
    public void Known_values_are_the_specs_values_each_known_and_distinct()
    {
        Assert.That(ShipNavStatus.KnownValues.Select(v => v.Value), Is.EqualTo(new[] { "IN_TRANSIT", "IN_ORBIT", "DOCKED" }));
        Assert.That(ShipNavFlightMode.KnownValues, Has.Count.EqualTo(4));
        Assert.That(TradeSymbol.KnownValues, Is.Unique);
        Assert.That(TradeSymbol.KnownValues.All(v => v.IsKnown), Is.True);
        Assert.That(WaypointTraitSymbol.KnownValues, Does.Contain(WaypointTraitSymbol.Marketplace));
    }

    [Test]
    public void Enums_work_as_dictionary_keys()
    {
        var json = """{"exportToImportMap":{"FAB_MATS":["IRON","QUARTZ_SAND"],"NEW_GOOD":["FUEL"]}}""";

        var chain = JsonSerializer.Deserialize(json, SpaceTradersJsonContext.Default.GetSupplyChainResult)!;

        Assert.That(chain.ExportToImportMap[TradeSymbol.FabMats], Is.EqualTo(new[] { TradeSymbol.Iron, TradeSymbol.QuartzSand }));
        Assert.That(chain.ExportToImportMap[new TradeSymbol("NEW_GOOD")], Is.EqualTo(new[] { TradeSymbol.Fuel }));
        Assert.That(JsonSerializer.Serialize(chain, SpaceTradersJsonContext.Default.GetSupplyChainResult), Is.EqualTo(json));
    }

    [Test]
    public void A_null_or_a_number_where_an_enum_is_required_is_malformed_but_an_absent_optional_one_is_null()
    {
        Assert.That(() => JsonSerializer.Deserialize("""{"symbol":null,"units":3}""", SpaceTradersJsonContext.Default.ExtractionYield), Throws.InstanceOf<JsonException>());
        Assert.That(() => JsonSerializer.Deserialize("""{"symbol":7,"units":3}""", SpaceTradersJsonContext.Default.ExtractionYield), Throws.InstanceOf<JsonException>());

        var good = JsonSerializer.Deserialize("""{"symbol":"FUEL","type":"EXCHANGE","tradeVolume":100,"supply":"HIGH","purchasePrice":70,"sellPrice":68}""", SpaceTradersJsonContext.Default.MarketTradeGood)!;

        Assert.That(good.Activity, Is.Null);
        Assert.That(good.Type, Is.EqualTo(MarketTradeGoodType.Exchange));
    }

    [Test]
    public void A_missing_required_property_is_an_error_not_a_silent_null()
        => Assert.That(() => JsonSerializer.Deserialize("""{"symbol":"FUEL"}""", SpaceTradersJsonContext.Default.ExtractionYield), Throws.InstanceOf<JsonException>());

    [Test]
    public void A_survey_goes_back_to_the_server_exactly_as_it_came()
    {
        var original = """{"signature":"X1-DF55-B7-BD8B6B","symbol":"X1-DF55-B7","deposits":[{"symbol":"IRON_ORE"},{"symbol":"ICE_WATER"}],"expiration":"2025-06-10T13:10:00.123Z","size":"LARGE"}""";

        var survey = JsonSerializer.Deserialize(original, SpaceTradersJsonContext.Default.Survey)!;

        Assert.That(JsonSerializer.Serialize(survey, SpaceTradersJsonContext.Default.Survey), Is.EqualTo(original));
    }

    [Test]
    public void Dates_with_offsets_or_without_milliseconds_are_read_and_written_in_utc_with_milliseconds()
    {
        var cooldown = JsonSerializer.Deserialize("""{"shipSymbol":"A-1","totalSeconds":1,"remainingSeconds":1,"expiration":"2025-06-10T15:10:00+02:00"}""", SpaceTradersJsonContext.Default.Cooldown)!;

        Assert.That(cooldown.Expiration, Is.EqualTo(new DateTimeOffset(2025, 6, 10, 13, 10, 0, TimeSpan.Zero)));
        Assert.That(JsonSerializer.Serialize(cooldown, SpaceTradersJsonContext.Default.Cooldown), Does.Contain("\"expiration\":\"2025-06-10T13:10:00.000Z\""));
    }

    [Test]
    public void Absent_optional_values_are_left_out_of_request_bodies()
    {
        Assert.That(JsonSerializer.Serialize(new RefuelShipRequest(), SpaceTradersJsonContext.Default.RefuelShipRequest), Is.EqualTo("{}"));
        Assert.That(JsonSerializer.Serialize(new RefuelShipRequest { Units = 5 }, SpaceTradersJsonContext.Default.RefuelShipRequest), Is.EqualTo("""{"units":5}"""));
    }

    [Test]
    public void Credits_beyond_the_range_of_int_are_read()
    {
        var agent = JsonSerializer.Deserialize(
            """{"accountId":"a","symbol":"WHALE","headquarters":"X1-A-1","credits":9000000000,"startingFaction":"COSMIC","shipCount":300}""",
            SpaceTradersJsonContext.Default.Agent)!;

        Assert.That(agent.Credits, Is.EqualTo(9_000_000_000L));
    }

    [Test]
    public void The_public_options_are_the_contexts_and_serialize_models()
    {
        var json = JsonSerializer.Serialize(new NavigateShipRequest { WaypointSymbol = "X1-DF55-A1" }, SpaceTradersJson.Options);

        Assert.That(json, Is.EqualTo("""{"waypointSymbol":"X1-DF55-A1"}"""));
        Assert.That(SpaceTradersJson.Options.IsReadOnly, Is.True);
    }
}
