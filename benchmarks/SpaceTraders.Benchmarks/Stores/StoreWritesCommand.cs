using System.Globalization;
using System.Text;
using System.Text.Json;
using SpaceTraders.Benchmarks.CommandLine;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.State;
using SpaceTraders.Testing;

namespace SpaceTraders.Benchmarks.Stores;

/// <summary>
/// <c>store-writes</c>: database writes per API request with dirty tracking versus writing every part every time,
/// and dirty-part upserts per second into PostgreSQL in batches. Starts its own throwaway PostgreSQL cluster.
/// </summary>
/// <remarks>
/// Options: see <see cref="Create"/> (<c>store-writes --help</c>). Row counts are exact
/// (the store's own counters, checked against the tables); throughput is wall-clock time on this machine.
/// </remarks>
internal static class StoreWritesCommand
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static BenchmarkCommand Create()
    {
        var ships = BenchmarkOptions.Whole("--ships", "mining ships of the scripted run", 20, minimum: 1);
        var cycles = BenchmarkOptions.Whole("--cycles", "mining cycles of each ship", 30, minimum: 1);
        var records = BenchmarkOptions.Whole("--records", "records queued for each upsert run (at most 5,000 for batches of one)", 50_000, minimum: 1);
        var output = BenchmarkOptions.OutputFile("--out", "also write the report to this file (its folder must exist; default: print only)", createsFolder: false);
        var command = new BenchmarkCommand(
            "store-writes",
            "database writes per API request with dirty tracking against every part, and PostgreSQL upserts per second",
            """
            Stores the same scripted mining run twice, writing only the ship parts that changed and then every part
            every time, and counts the rows; then times dirty-part upserts into PostgreSQL in batches of 1 to 5,000
            records. Starts its own throwaway PostgreSQL cluster. Row counts are exact (the store's own counters,
            checked against the tables); throughput is wall-clock time on this machine. Exit code 1 when dirty
            tracking writes more than a fifth of the rows.
            """).With(ships, cycles, records, output);
        command.Runs((result, cancellationToken) => RunAsync(result.GetValue(ships), result.GetValue(cycles), result.GetValue(records), result.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int ships, int cycles, int records, string? output, CancellationToken cancellationToken)
    {
        var report = new StringBuilder();
        await using var cluster = await PostgresCluster.StartAsync(cancellationToken);
        report.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL: throwaway cluster on 127.0.0.1:{cluster.Port} (fsync off), {Environment.ProcessorCount} cores.");
        report.AppendLine();

        // 1. Writes per API request, the same scripted run stored twice.
        var dirty = await StoreRunAsync(cluster, ships, cycles, writeAll: false);
        var all = await StoreRunAsync(cluster, ships, cycles, writeAll: true);
        report.AppendLine(CultureInfo.InvariantCulture, $"### Writes per API request ({ships} mining ships x {cycles} cycles, {dirty.Requests:N0} requests)");
        report.AppendLine();
        report.AppendLine("| | dirty parts only | all 11 parts every time | ratio |");
        report.AppendLine("|---|---:|---:|---:|");
        Row(report, "ship_parts rows written", dirty.ShipPartRows, all.ShipPartRows, "N0");
        Row(report, "ship_parts rows per request", dirty.ShipPartRows / (double)dirty.Requests, all.ShipPartRows / (double)all.Requests, "N2");
        Row(report, "all rows written (requests, credits, agent, parts)", dirty.TotalRows, all.TotalRows, "N0");
        Row(report, "all rows per request", dirty.TotalRows / (double)dirty.Requests, all.TotalRows / (double)all.Requests, "N2");
        report.AppendLine();
        report.AppendLine("Per endpoint (ship_parts rows per request, dirty / all):");
        report.AppendLine();
        foreach (var (endpoint, count) in dirty.RequestsByEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- `{endpoint}`: {count:N0} requests, {dirty.PartsByEndpoint.GetValueOrDefault(endpoint) / (double)count:0.00} / {all.PartsByEndpoint.GetValueOrDefault(endpoint) / (double)count:0.00}");
        }

        report.AppendLine();

        // 2. Dirty-part upserts per second, in batches.
        report.AppendLine("### Dirty-part upserts into PostgreSQL (2 parts per record, records queued at once, then flushed)");
        report.AppendLine();
        report.AppendLine("A batch that holds one ship part several times writes it in successive upserts (one statement cannot update a row twice), so a small, hot fleet costs more per row than a large one.");
        report.AppendLine();
        report.AppendLine("| max batch (records per transaction) | ships | records | rows | seconds | rows/s | transactions |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (batch, fleet) in new[] { (1, 2000), (100, 2000), (1000, 2000), (5000, 2000), (1000, 200), (5000, 200) })
        {
            var count = batch == 1 ? Math.Min(records, 5_000) : records;
            var (rows, seconds, transactions) = await UpsertRunAsync(cluster, batch, count, fleet);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {batch:N0} | {fleet:N0} | {count:N0} | {rows:N0} | {seconds:0.00} | {rows / seconds:N0} | {transactions:N0} |");
        }

        var text = report.ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text, cancellationToken);
        }

        return dirty.ShipPartRows * 5 <= all.ShipPartRows ? 0 : 1;
    }

    private static async Task<RunFigures> StoreRunAsync(PostgresCluster cluster, int ships, int cycles, bool writeAll)
    {
        var clock = new ScriptClock(Start);
        var state = new AgentState(clock);
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = await cluster.CreateDatabaseAsync(CancellationToken.None) });
        await store.InitializeAsync(CancellationToken.None);
        var figures = new RunFigures();
        new MiningScript(ships, cycles, seed: 42).Play(state, clock, request =>
        {
            var now = clock.GetUtcNow();
            figures.Requests++;
            figures.RequestsByEndpoint[request.Endpoint] = figures.RequestsByEndpoint.GetValueOrDefault(request.Endpoint) + 1;
            store.Append(new RequestRecordedRecord(null, "BADGER", "POST", request.Endpoint, 200, "Normal", TimeSpan.Zero, TimeSpan.FromMilliseconds(150), 1, 0, false, now));
            if (request.Agent is { } agent)
            {
                store.Append(new CreditMovementRecord(null, "BADGER", request.Endpoint.EndsWith("sell", StringComparison.Ordinal) ? "sell" : "refuel", request.CreditChange, agent.Credits, null, null, null, now));
                store.Append(new AgentSnapshotRecord("BADGER", agent.Credits, JsonSerializer.Serialize(agent, SpaceTradersJson.Options), now));
            }

            if (request.Ship is { } ship && PartsToWrite(ship, writeAll) is { Count: > 0 } parts)
            {
                figures.PartsByEndpoint[request.Endpoint] = figures.PartsByEndpoint.GetValueOrDefault(request.Endpoint) + parts.Count;
                store.Append(new ShipPartsRecord("BADGER", ship.Symbol, parts, now));
            }
        });

        await store.FlushAsync(CancellationToken.None);
        var statistics = store.GetStatistics();
        figures.ShipPartRows = statistics.RowsWritten.GetValueOrDefault(StoreTables.ShipParts);
        figures.TotalRows = statistics.TotalRows;
        return figures;
    }

    /// <summary>The parts one request makes the store write: the dirty ones (then marked clean), or every known part.</summary>
    private static List<ShipPartValue> PartsToWrite(TrackedShip ship, bool writeAll)
    {
        var changes = ship.GetChanges();
        var snapshot = ship.Current;
        var parts = new List<ShipPartValue>(ShipPartsWriter.Parts.Count);
        foreach (var (part, name) in ShipPartsWriter.Parts)
        {
            var write = writeAll ? (snapshot.KnownParts & part) != 0 : changes is not null && (changes.Parts & part) != 0;
            if (write)
            {
                parts.Add(new ShipPartValue(name, snapshot.GetVersion(part), ShipPartsWriter.PartJson(snapshot, part) ?? "null"));
            }
        }

        if (changes is not null)
        {
            ship.MarkClean(changes);
        }

        return parts;
    }

    private static async Task<(long Rows, double Seconds, long Transactions)> UpsertRunAsync(PostgresCluster cluster, int batchSize, int count, int fleet)
    {
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = await cluster.CreateDatabaseAsync(CancellationToken.None), MaxBatchSize = batchSize });
        await store.InitializeAsync(CancellationToken.None);

        // Warm up: every ship's rows exist, connections are open, statements planned.
        for (var i = 0; i < fleet; i++)
        {
            store.Append(Record(i));
        }

        await store.FlushAsync(CancellationToken.None);
        var before = store.GetStatistics();
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            store.Append(Record(fleet + i));
        }

        await store.FlushAsync(CancellationToken.None);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        var after = store.GetStatistics();
        return (after.RowsWritten[StoreTables.ShipParts] - before.RowsWritten[StoreTables.ShipParts], seconds, after.Batches - before.Batches);

        ShipPartsRecord Record(int i) => new(
            "BADGER",
            $"BADGER-{i % fleet}",
            [
                new ShipPartValue("nav", i, $$"""{"systemSymbol":"X1-DF55","waypointSymbol":"X1-DF55-B{{i % 9}}","status":"IN_TRANSIT","flightMode":"CRUISE"}"""),
                new ShipPartValue("fuel", i, $$"""{"current":{{i % 400}},"capacity":400}"""),
            ],
            Start.AddSeconds(i));
    }

    private static void Row(StringBuilder report, string label, double dirty, double all, string format) =>
        report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {dirty.ToString(format, CultureInfo.InvariantCulture)} | {all.ToString(format, CultureInfo.InvariantCulture)} | {all / dirty:0.0}x |");

    private sealed class RunFigures
    {
        public int Requests { get; set; }

        public long ShipPartRows { get; set; }

        public long TotalRows { get; set; }

        public Dictionary<string, int> RequestsByEndpoint { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> PartsByEndpoint { get; } = new(StringComparer.Ordinal);
    }
}
