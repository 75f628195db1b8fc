using System.Globalization;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SpaceTraders.BotRunner.Display;

/// <summary>
/// Draws a <see cref="RuntimeSnapshot"/> for the live view: the run, the agent's figures (credits, operating earnings
/// with their CPH and CPR, capital spending and its payback, requests/min, queue wait by priority), the store, memory,
/// every ship with its behaviour, state and activity (a legend explains the states), and the latest problems with
/// behaviour failures. Also writes the one-line status of the plain view.
/// </summary>
internal static class ConsoleDashboard
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Draws the snapshot.</summary>
    /// <param name="header">What the runner knows about the run.</param>
    /// <param name="snapshot">The runtime's snapshot.</param>
    /// <param name="maxShipRows">The most ship rows (the rest are counted).</param>
    /// <returns>Something Spectre.Console can render.</returns>
    public static IRenderable Render(RunHeader header, RuntimeSnapshot snapshot, int maxShipRows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = new List<IRenderable> { RunPanel(header, snapshot) };
        foreach (var agent in snapshot.Agents)
        {
            rows.Add(new Columns(FiguresTable(agent), QueueTable(agent), SystemTable(snapshot)) { Expand = false });
            rows.Add(ShipsTable(agent, maxShipRows));
        }

        // Always shown, so the layout does not move when the first problem comes.
        rows.Add(ProblemsPanel(header, snapshot));

        rows.Add(new Markup(header.ReportPath is null
            ? "[grey]Ctrl+C stops gracefully.[/]"
            : $"[grey]Ctrl+C stops gracefully; the report goes to {Markup.Escape(header.ReportPath)}.[/]"));
        return new Rows(rows);
    }

    /// <summary>Writes one status line: time, credits, CPH, CPR, requests/min, queue, ships by state.</summary>
    /// <param name="header">What the runner knows about the run.</param>
    /// <param name="snapshot">The runtime's snapshot.</param>
    /// <returns>The line.</returns>
    public static string StatusLine(RunHeader header, RuntimeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(snapshot);
        var agent = snapshot.Agents.FirstOrDefault();
        var time = $"{snapshot.Status} game {Clock(snapshot.Uptime)}{(header.Duration is { } d ? "/" + Clock(d) : string.Empty)} wall {Clock(header.WallElapsed)}";
        if (agent is null)
        {
            return time;
        }

        var m = agent.Metrics;
        var states = string.Join(' ', agent.Ships.GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()}:{g.Count()}"));
        var e = agent.Earnings;
        var failures = header.Failures?.Count ?? 0;
        return string.Create(Invariant, $"{time} | credits {m.Credits:N0}, earned {Signed(e.Operating)} CPH {e.OperatingPerHour:N0} CPR {e.OperatingPerRequest:0.0}, capital {e.CapitalSpent:N0} | {m.RequestsPerMinute:0} req/min, queue {m.QueueLength}, wait {Millis(m.MeanQueueWait)} | ships {agent.Ships.Count} ({states}) | problems {snapshot.Problems.Count + failures}");
    }

    private static Panel RunPanel(RunHeader header, RuntimeSnapshot snapshot)
    {
        var uptime = snapshot.Uptime;
        var wall = header.WallElapsed;
        var speed = wall.TotalSeconds > 0.5 && uptime > TimeSpan.Zero ? string.Create(Invariant, $" (x{uptime.TotalSeconds / wall.TotalSeconds:0.#})") : string.Empty;
        var status = snapshot.Status switch
        {
            RuntimeStatus.Running => "[green]running[/]",
            RuntimeStatus.Stopping => "[yellow]stopping: cancelling behaviours, closing sessions, flushing[/]",
            RuntimeStatus.Stopped => "[grey]stopped[/]",
            RuntimeStatus.Failed => "[red]failed[/]",
            _ => "[yellow]" + snapshot.Status.ToString().ToLowerInvariant() + "[/]",
        };
        var conductor = snapshot.Agents.FirstOrDefault()?.Conductor?.ToString() ?? header.Conductor ?? "none";
        var conductorState = snapshot.Agents.FirstOrDefault()?.ConductorState is { } state ? $" [grey]({Markup.Escape(state)})[/]" : string.Empty;
        var loaded = snapshot.Plugins.Where(p => p.Loaded).Select(p => p.PluginId + "@" + p.Version).ToList();
        var refused = snapshot.Plugins.Count(p => !p.Loaded);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]Game[/]", Markup.Escape(header.Game));
        grid.AddRow("[bold]Agent[/]", Markup.Escape(snapshot.Agents.FirstOrDefault()?.Symbol ?? header.Agent) + "   [bold]Status[/] " + status);
        grid.AddRow("[bold]Conductor[/]", $"[aqua]{Markup.Escape(conductor)}[/]{conductorState} [grey]{Markup.Escape(header.ConductorReason)}[/]");
        grid.AddRow("[bold]Plugins[/]", Markup.Escape(loaded.Count == 0 ? "none loaded" : string.Join(", ", loaded)) + (refused > 0 ? $" [yellow]({refused} refused: see problems/log)[/]" : string.Empty));
        grid.AddRow("[bold]Time[/]", $"game {Clock(uptime)}{(header.Duration is { } d ? " of " + Clock(d) : string.Empty)}, wall {Clock(wall)}{speed}");
        if (header.Dashboard is { } dashboard)
        {
            var address = dashboard.GetLeftPart(UriPartial.Authority);
            grid.AddRow("[bold]Dashboard[/]", $"[link={Markup.Escape(address)}]{Markup.Escape(address)}[/] [grey](open it in a browser; /metrics for Prometheus)[/]");
        }
        return new Panel(grid) { Header = new PanelHeader("[bold] SpaceTraders bot runner [/]"), Border = BoxBorder.Rounded, Expand = true };
    }

    /// <summary>The agent's figures: credits, operating earnings with their CPH and CPR, capital spending with its payback, requests.</summary>
    private static Table FiguresTable(AgentSnapshot agent)
    {
        var m = agent.Metrics;
        var e = agent.Earnings;
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Figures") };
        table.AddColumn(new TableColumn("") { Width = 15, NoWrap = true }).AddColumn(new TableColumn("") { Width = 14, NoWrap = true }.RightAligned());
        table.AddRow("Credits", m.Credits.ToString("N0", Invariant));
        table.AddRow("Earned", (e.Operating >= 0 ? "[green]" : "[red]") + Signed(e.Operating) + "[/]");
        table.AddRow("CPH", e.OperatingPerHour.ToString("N0", Invariant));
        table.AddRow("CPR", e.OperatingPerRequest.ToString("0.00", Invariant));
        table.AddRow("Capital spent", e.CapitalSpent.ToString("N0", Invariant));
        table.AddRow("Payback", e.PaybackHours is { } payback ? payback.ToString("0.0", Invariant) + " h" : "-");
        table.AddRow("Requests/min", m.RequestsPerMinute.ToString("0", Invariant));
        table.AddRow("429s/min", m.RateLimitedPerMinute.ToString("0", Invariant));
        table.AddRow("Delayed/request", m.DelayedPerRequest.ToString("0.00", Invariant));
        table.AddRow("Requests", agent.Totals.Requests.ToString("N0", Invariant));
        return table;
    }

    private static Table QueueTable(AgentSnapshot agent)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Queue wait by priority") };
        table.AddColumn(Column("Priority", 10)).AddColumn(Column("Waiting", 7).RightAligned()).AddColumn(Column("Req/min", 7).RightAligned()).AddColumn(Column("Mean wait", 9).RightAligned());
        foreach (var priority in agent.QueueByPriority)
        {
            table.AddRow(priority.Priority.ToString(), priority.Waiting.ToString(Invariant), priority.RequestsLastMinute.ToString(Invariant), Millis(priority.MeanQueueWait));
        }

        table.AddRow("[bold]All[/]", agent.Metrics.QueueLength.ToString(Invariant), agent.Metrics.RequestsPerMinute.ToString("0", Invariant), Millis(agent.Metrics.MeanQueueWait));
        return table;
    }

    private static Table SystemTable(RuntimeSnapshot snapshot)
    {
        var health = snapshot.Store.Health;
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Store and memory") };
        table.AddColumn(Column(string.Empty, 13)).AddColumn(Column(string.Empty, 24).RightAligned());
        table.AddRow("Store", Markup.Escape(snapshot.Store.Name) + (health.Connected ? " [green]ok[/]" : " [red]unreachable[/]"));
        table.AddRow("Pending", health.Pending.ToString("N0", Invariant));
        table.AddRow("Rows written", snapshot.StoreStatistics.TotalRows.ToString("N0", Invariant));
        if (health.LastError is { } error)
        {
            table.AddRow("Last error", "[red]" + Markup.Escape(Shorten(error, 40)) + "[/]");
        }

        table.AddRow("Working set", (snapshot.Memory.WorkingSetBytes / (1024 * 1024)).ToString("N0", Invariant) + " MB" + (snapshot.Memory.UnderPressure ? " [red]pressure[/]" : string.Empty));
        table.AddRow("Skipped work", snapshot.Memory.SkippedWork.ToString(Invariant));
        return table;
    }

    /// <summary>Every ship, in columns of fixed width (so the table does not jump between refreshes), with a legend of the states.</summary>
    private static Table ShipsTable(AgentSnapshot agent, int maxRows)
    {
        var table = new Table { Border = TableBorder.Rounded, Expand = false, Title = new TableTitle($"Ships of {Markup.Escape(agent.Symbol)} ({agent.Ships.Count})") };
        table.AddColumn(Column("Ship", 16)).AddColumn(Column("Type", 16)).AddColumn(Column("Behaviour", 32)).AddColumn(Column("State", 10)).AddColumn(Column("Activity", ActivityWidth))
            .AddColumn(Column("Req", 6).RightAligned()).AddColumn(Column("Credits", 11).RightAligned()).AddColumn(Column("CPR", 8).RightAligned());
        foreach (var ship in agent.Ships.Take(Math.Max(1, maxRows)))
        {
            var session = ship.Session;
            table.AddRow(
                Markup.Escape(Shorten(ship.Symbol, 16)),
                Markup.Escape(Shorten(ShortType(ship.ShipType ?? ship.Role), 16)),
                Markup.Escape(Shorten(ship.Assignment?.ToString() ?? "-", 32)),
                State(ship.State),
                Markup.Escape(Shorten(ship.Activity ?? string.Empty, ActivityWidth)),
                session?.Requests.ToString(Invariant) ?? "",
                session is null ? "" : Signed(session.CreditsEarned),
                session is null ? "" : session.CreditsPerRequest.ToString("0.0", Invariant));
        }

        var caption = agent.Ships.Count > maxRows
            ? $"... and {agent.Ships.Count - maxRows} more ({string.Join(", ", agent.Ships.Skip(maxRows).GroupBy(s => s.State).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})\n"
            : string.Empty;
        table.Caption = new TableTitle(caption + StateLegend, new Style(Color.Grey));
        return table;
    }

    /// <summary>What each ship state means, under the ship table.</summary>
    public const string StateLegend =
        "running: in a behaviour session · waiting: between sessions (restart delay, the node's ship limit, the conductor's next order) · "
        + "paused: paused by the conductor (saturation control) · elsewhere: another runner holds its lease · unassigned: no behaviour given";

    private const int ActivityWidth = 44;

    private static TableColumn Column(string header, int width) => new(header) { Width = width, NoWrap = true };

    /// <summary>The latest problems: the runtime's (abandoned behaviours, failing conductors, skipped work) and the behaviour failures with ship, behaviour and error code.</summary>
    private static Panel ProblemsPanel(RunHeader header, RuntimeSnapshot snapshot)
    {
        var failures = header.Failures;
        var lines = snapshot.Problems.TakeLast(ProblemRows)
            .Select(p => (p.At, Text: $"{(p.ShipSymbol is null ? string.Empty : Markup.Escape(p.ShipSymbol) + ": ")}{Markup.Escape(Shorten(p.Message, 150))}"))
            .Concat((failures?.Recent(ProblemRows) ?? []).Select(f => (f.At, Text:
                $"{Markup.Escape(f.Ship)} [aqua]{Markup.Escape(f.Behaviour)}[/] failed: {(f.ErrorCode is { } code ? $"[red]{code.ToString(Invariant)}[/] {Markup.Escape(f.ErrorName ?? string.Empty)} " : string.Empty)}{Markup.Escape(Shorten(f.Message, 110))}")))
            .OrderBy(l => l.At)
            .TakeLast(ProblemRows)
            .Select(l => $"[grey]{l.At.ToString("HH:mm:ss", Invariant)}[/] {l.Text}")
            .ToList();
        var count = snapshot.Problems.Count + (failures?.Count ?? 0);
        var body = lines.Count == 0 ? "[grey]none[/]" : string.Join('\n', lines);
        return new Panel(new Markup(body)) { Header = new PanelHeader(count == 0 ? " Problems (0) " : $"[yellow] Problems ({count}) [/]"), Expand = true };
    }

    private const int ProblemRows = 6;

    private static string State(FleetShipState state) => state switch
    {
        FleetShipState.Running => "[green]running[/]",
        FleetShipState.Waiting => "[yellow]waiting[/]",
        FleetShipState.Paused => "[blue]paused[/]",
        FleetShipState.Elsewhere => "[grey]elsewhere[/]",
        _ => "[grey]unassigned[/]",
    };

    private static string ShortType(string type) => type.StartsWith("SHIP_", StringComparison.Ordinal) ? type[5..] : type;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Signed(long credits) => (credits >= 0 ? "+" : string.Empty) + credits.ToString("N0", Invariant);

    private static string Millis(TimeSpan wait) => wait.TotalMilliseconds.ToString("0", Invariant) + " ms";

    private static string Clock(TimeSpan span) =>
        span.TotalDays >= 1
            ? string.Create(Invariant, $"{(int)span.TotalDays}d {span:hh\\:mm\\:ss}")
            : span.ToString(@"hh\:mm\:ss", Invariant);
}
