using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.Caches;

/// <summary>Survey expiry on a fake clock, retirement on 4224/4221, ranking, and sharing between ships.</summary>
[TestFixture]
public sealed class SurveyCacheTests
{
    private const string Field = "X1-DF55-AF1";

    private FakeTimeProvider _clock = null!;
    private MarketCache _markets = null!;
    private SurveyCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _markets = new MarketCache(_clock);
        _cache = new SurveyCache(_clock, _markets);
    }

    [Test]
    public void Surveys_are_dropped_at_their_expiration_by_the_clock()
    {
        var shortLived = Survey("S-1", Field, Start.AddMinutes(5), "SMALL", "IRON_ORE");
        var longLived = Survey("S-2", Field, Start.AddMinutes(30), "SMALL", "IRON_ORE", "QUARTZ_SAND");
        _cache.Add([shortLived, longLived]);
        var iron = SurveyGoal.ForGood("IRON_ORE");

        Assert.That(_cache.GetBest(Field, iron), Is.SameAs(shortLived), "all iron beats half iron");

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That(_cache.GetBest(Field, iron), Is.SameAs(longLived));
        Assert.That(_cache.GetStatus("S-1"), Is.EqualTo(SurveyStatus.Expired));

        _clock.Advance(TimeSpan.FromMinutes(25));
        Assert.That(_cache.GetBest(Field, iron), Is.Null);
        Assert.That(_cache.GetSurveys(Field), Is.Empty);
        Assert.That(_cache.Prune(), Is.EqualTo(2));
        Assert.That(_cache.Count, Is.Zero);
        Assert.That(_cache.Add(shortLived), Is.False, "an expired survey is not added");
    }

    [Test]
    public void The_expiration_margin_stops_offering_a_survey_early()
    {
        var cache = new SurveyCache(_clock, options: new SurveyCacheOptions { ExpirationMargin = TimeSpan.FromSeconds(30) });
        cache.Add(Survey("S-1", Field, Start.AddMinutes(1), "SMALL", "IRON_ORE"));

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That(cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.Not.Null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.Null);
    }

    [Test]
    public void An_exhausted_survey_is_never_offered_again_even_if_added_back()
    {
        var survey = Survey("X1-DF55-AF1-3A9C1E", Field, Start.AddMinutes(30), "LARGE", "IRON_ORE");
        var spare = Survey("S-2", Field, Start.AddMinutes(30), "SMALL", "IRON_ORE", "COPPER_ORE");
        _cache.Add([survey, spare]);
        var error = new SpaceTradersApiException(
            HttpStatusCode.Conflict,
            ErrorCodes.ShipSurveyExhausted,
            "Ship extract failed. Survey X1-DF55-AF1-3A9C1E has been exhausted.");

        Assert.That(_cache.TryReport(error, survey), Is.True);

        Assert.That(_cache.GetStatus(survey.Signature), Is.EqualTo(SurveyStatus.Exhausted));
        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.SameAs(spare));
        Assert.That(_cache.Add(survey), Is.False, "another ship adding its copy back is ignored");
        Assert.That(_cache.Rank(Field, SurveyGoal.ForGood("IRON_ORE")).Select(r => r.Survey), Is.EqualTo(new[] { spare }));
    }

    [Test]
    public void The_signature_is_read_from_the_error_when_not_given()
    {
        var survey = Survey("X1-DF55-AF1-3A9C1E", Field, Start.AddMinutes(30), "LARGE", "IRON_ORE");
        _cache.Add(survey);

        var fromMessage = new SpaceTradersApiException(HttpStatusCode.Conflict, ErrorCodes.ShipSurveyExhausted, "Ship extract failed. Survey X1-DF55-AF1-3A9C1E has been exhausted.");
        Assert.That(_cache.TryReport(fromMessage), Is.True);
        Assert.That(_cache.GetStatus(survey.Signature), Is.EqualTo(SurveyStatus.Exhausted));

        using var data = JsonDocument.Parse("""{"signature":"S-DATA"}""");
        var fromData = new SpaceTradersApiException(HttpStatusCode.BadRequest, ErrorCodes.ShipSurveyExpiration, "Survey has expired.", data.RootElement);
        Assert.That(_cache.TryReport(fromData), Is.True);
        Assert.That(_cache.GetStatus("S-DATA"), Is.EqualTo(SurveyStatus.Expired), "an unknown signature is remembered too");
    }

    [Test]
    public void An_expired_survey_reported_by_the_server_is_retired_before_its_local_expiration()
    {
        var survey = Survey("S-1", Field, Start.AddMinutes(30), "MODERATE", "IRON_ORE");
        _cache.Add(survey);
        var error = new SpaceTradersApiException(HttpStatusCode.BadRequest, ErrorCodes.ShipSurveyExpiration, "Ship survey failed. Target signature is no longer in range or valid.");

        Assert.That(_cache.TryReport(error, survey), Is.True);

        Assert.That(_cache.GetStatus("S-1"), Is.EqualTo(SurveyStatus.Expired));
        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.Null);
    }

    /// <summary>
    /// 4220 (<c>shipSurveyVerificationError</c>): the server cannot verify the survey (altered, or not one it made).
    /// Sending it again can only fail again, so it is retired for every ship like an exhausted one.
    /// </summary>
    [Test]
    public void A_survey_the_server_cannot_verify_is_retired_for_every_ship()
    {
        var bad = Survey("X1-DF55-AF1-BAD", Field, Start.AddMinutes(30), "LARGE", "IRON_ORE");
        var spare = Survey("S-2", Field, Start.AddMinutes(30), "SMALL", "IRON_ORE", "COPPER_ORE");
        _cache.Add([bad, spare]);
        var error = new SpaceTradersApiException(
            HttpStatusCode.BadRequest,
            ErrorCodes.ShipSurveyVerification,
            "Ship survey failed. Survey X1-DF55-AF1-BAD is not a valid, unmodified survey.");

        Assert.That(_cache.TryReport(error, bad), Is.True, "4220 is a survey error");

        Assert.That(_cache.GetStatus(bad.Signature), Is.EqualTo(SurveyStatus.Invalid));
        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.SameAs(spare));
        Assert.That(_cache.Add(bad), Is.False, "another ship adding its copy back is ignored");

        var fromMessage = new SpaceTradersApiException(HttpStatusCode.BadRequest, ErrorCodes.ShipSurveyVerification, "Ship survey failed. Survey S-2 is not a valid, unmodified survey.");
        Assert.That(_cache.TryReport(fromMessage), Is.True, "the signature is read from the message too");
        Assert.That(_cache.GetStatus("S-2"), Is.EqualTo(SurveyStatus.Invalid));
        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.Null);

        var noSignature = new SpaceTradersApiException(HttpStatusCode.BadRequest, ErrorCodes.ShipSurveyExpiration, "Ship survey failed. Target signature is no longer in range or valid.");
        Assert.That(_cache.TryReport(noSignature), Is.False, "the \"failed\" of \"Ship survey failed\" is no signature");
        Assert.That(_cache.GetStatus("failed"), Is.EqualTo(SurveyStatus.Unknown));
    }

    [Test]
    public void Other_errors_are_not_survey_errors()
    {
        var survey = Survey("S-1", Field, Start.AddMinutes(30), "MODERATE", "IRON_ORE");
        _cache.Add(survey);

        Assert.That(_cache.TryReport(new SpaceTradersApiException(HttpStatusCode.Conflict, ErrorCodes.CooldownConflict, "cooldown"), survey), Is.False);
        Assert.That(_cache.GetStatus("S-1"), Is.EqualTo(SurveyStatus.Usable));
        Assert.That(_cache.GetStatus("S-404"), Is.EqualTo(SurveyStatus.Unknown));
    }

    [Test]
    public void Ranking_for_a_good_weighs_the_deposit_share_and_the_size()
    {
        // IRON_ORE share × size weight (SMALL 1, MODERATE 1.05, LARGE 1.1):
        // A 2/4 × 1.1 = 0.55, B 2/3 × 1.0 = 0.667, C 1/2 × 1.05 = 0.525, D 1/1 but expires first: 1.0, E has none.
        var a = Survey("A", Field, Start.AddMinutes(40), "LARGE", "IRON_ORE", "IRON_ORE", "QUARTZ_SAND", "SILICON_CRYSTALS");
        var b = Survey("B", Field, Start.AddMinutes(40), "SMALL", "IRON_ORE", "COPPER_ORE", "IRON_ORE");
        var c = Survey("C", Field, Start.AddMinutes(40), "MODERATE", "IRON_ORE", "COPPER_ORE");
        var d = Survey("D", Field, Start.AddMinutes(10), "SMALL", "IRON_ORE");
        var e = Survey("E", Field, Start.AddMinutes(40), "LARGE", "COPPER_ORE");
        _cache.Add([a, b, c, d, e]);

        var ranked = _cache.Rank(Field, SurveyGoal.ForGood("IRON_ORE"));

        Assert.That(ranked.Select(r => r.Survey.Signature), Is.EqualTo(new[] { "D", "B", "A", "C" }));
        Assert.That(ranked.Select(r => r.Score), Is.EqualTo(new[] { 1.0, 2.0 / 3, 0.55, 0.525 }).Within(1e-9));
        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("SILICON_CRYSTALS")), Is.SameAs(a));
        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("GOLD_ORE")), Is.Null);
        Assert.That(_cache.GetBest("X1-DF55-ELSEWHERE", SurveyGoal.ForGood("IRON_ORE")), Is.Null);
    }

    [Test]
    public void Equal_scores_prefer_the_survey_that_lasts_longer()
    {
        var early = Survey("EARLY", Field, Start.AddMinutes(10), "SMALL", "IRON_ORE");
        var late = Survey("LATE", Field, Start.AddMinutes(50), "SMALL", "IRON_ORE");
        _cache.Add([early, late]);

        Assert.That(_cache.GetBest(Field, SurveyGoal.ForGood("IRON_ORE")), Is.SameAs(late));
    }

    [Test]
    public void Ranking_by_value_uses_the_best_sell_prices_the_market_cache_has_seen()
    {
        // Best sell prices in the system: IRON_ORE 20 (B2 beats A1's 18), COPPER_ORE 30, QUARTZ_SAND 5, GOLD_ORE unknown (0).
        _markets.Record(Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 25, 18), TradeGood("QUARTZ_SAND", "IMPORT", 8, 5)], ("IRON_ORE", "IMPORT"), ("QUARTZ_SAND", "IMPORT")));
        _markets.Record(Market("X1-DF55-B2", [TradeGood("IRON_ORE", "IMPORT", 26, 20), TradeGood("COPPER_ORE", "IMPORT", 35, 30)], ("IRON_ORE", "IMPORT"), ("COPPER_ORE", "IMPORT")));
        var ironAndQuartz = Survey("IQ", Field, Start.AddMinutes(40), "SMALL", "IRON_ORE", "QUARTZ_SAND");    // (20 + 5) / 2 = 12.5
        var copper = Survey("CU", Field, Start.AddMinutes(40), "SMALL", "COPPER_ORE", "QUARTZ_SAND", "QUARTZ_SAND"); // (30 + 10) / 3 = 13.33
        var gold = Survey("AU", Field, Start.AddMinutes(40), "LARGE", "GOLD_ORE");                                 // 0: left out
        _cache.Add([ironAndQuartz, copper, gold]);

        var ranked = _cache.Rank(Field, SurveyGoal.BestValue);
        Assert.That(ranked.Select(r => r.Survey.Signature), Is.EqualTo(new[] { "CU", "IQ" }));
        Assert.That(ranked.Select(r => r.Score), Is.EqualTo(new[] { 40.0 / 3, 12.5 }).Within(1e-9));

        // New prices invalidate the cached ranking.
        _markets.Record(Market("X1-DF55-B2", [TradeGood("IRON_ORE", "IMPORT", 60, 50), TradeGood("COPPER_ORE", "IMPORT", 35, 30)], ("IRON_ORE", "IMPORT"), ("COPPER_ORE", "IMPORT")));
        Assert.That(_cache.GetBest(Field, SurveyGoal.BestValue), Is.SameAs(ironAndQuartz), "(50 + 5) / 2 = 27.5 now");
    }

    [Test]
    public void Ranking_by_the_callers_values()
    {
        var a = Survey("A", Field, Start.AddMinutes(40), "SMALL", "IRON_ORE", "COPPER_ORE");
        var b = Survey("B", Field, Start.AddMinutes(40), "SMALL", "COPPER_ORE", "COPPER_ORE", "QUARTZ_SAND");
        _cache.Add([a, b]);

        var contract = SurveyGoal.ForValues(new Dictionary<TradeSymbol, double> { ["COPPER_ORE"] = 1 });

        Assert.That(_cache.GetBest(Field, contract), Is.SameAs(b), "2/3 copper beats 1/2");
        Assert.That(_cache.Rank(Field, contract).Select(r => r.Score), Is.EqualTo(new[] { 2.0 / 3, 0.5 }).Within(1e-9));
    }

    [Test]
    public void The_value_goal_needs_a_market_cache()
    {
        var cache = new SurveyCache(_clock);
        cache.Add(Survey("A", Field, Start.AddMinutes(40), "SMALL", "IRON_ORE"));

        Assert.That(() => cache.GetBest(Field, SurveyGoal.BestValue), Throws.InvalidOperationException);
    }

    [Test]
    public void Many_ships_share_the_cache_safely()
    {
        var surveys = Enumerable.Range(0, 400)
            .Select(i => Survey($"S-{i}", $"X1-DF55-F{i % 4}", Start.AddMinutes(10 + (i % 30)), "SMALL", "IRON_ORE", i % 2 == 0 ? "IRON_ORE" : "COPPER_ORE"))
            .ToArray();

        Parallel.For(0, surveys.Length, i =>
        {
            _cache.Add(surveys[i]);
            _ = _cache.GetBest($"X1-DF55-F{i % 4}", SurveyGoal.ForGood("IRON_ORE"));
            if (i % 10 == 0)
            {
                _cache.MarkExhausted(surveys[i].Signature);
            }
        });

        Assert.That(_cache.Count, Is.EqualTo(360));
        Assert.That(_cache.GetStatus("S-10"), Is.EqualTo(SurveyStatus.Exhausted));
        var best = _cache.GetBest("X1-DF55-F0", SurveyGoal.ForGood("IRON_ORE"))!;
        Assert.That(best.Deposits.All(d => d.Symbol == "IRON_ORE"), Is.True);
        Assert.That(int.Parse(best.Signature[2..], System.Globalization.CultureInfo.InvariantCulture) % 10, Is.Not.Zero);
    }
}
