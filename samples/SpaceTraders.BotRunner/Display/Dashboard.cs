using System.Globalization;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SpaceTraders.BotRunner.Display;

/// <summary>
/// Draws a <see cref="RuntimeSnapshot"/> for the live view: the run, the agent's figures (credits, CPH, CPR,
/// requests/min, queue wait by priority), the store, memory, every ship with its behaviour, state and activity, and
/// the latest problems. Also writes the one-line status of the plain view.
/// </summary>
internal static class Dashboard
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

        if (snapshot.Problems.Count > 0)
        {
            rows.Add(ProblemsPanel(snapshot));
        }

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
        return string.Create(Invariant, $"{time} | credits {m.Credits:N0} ({Signed(m.CreditsEarned)}) CPH {m.CreditsPerHour:N0} CPR {m.CreditsPerRequest:0.0} | {m.RequestsPerMinute:0} req/min, queue {m.QueueLength}, wait {Millis(m.MeanQueueWait)} | ships {agent.Ships.Count} ({states}) | problems {snapshot.Problems.Count}");
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
        return new Panel(grid) { Header = new PanelHeader("[bold] SpaceTraders bot runner [/]"), Border = BoxBorder.Rounded, Expand = true };
    }

    private static Table FiguresTable(AgentSnapshot agent)
    {
        var m = agent.Metrics;
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Figures") };
        table.AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("Credits", m.Credits.ToString("N0", Invariant));
        table.AddRow("Earned", (m.CreditsEarned >= 0 ? "[green]" : "[red]") + Signed(m.CreditsEarned) + "[/]");
        table.AddRow("CPH", m.CreditsPerHour.ToString("N0", Invariant));
        table.AddRow("CPR", m.CreditsPerRequest.ToString("0.00", Invariant));
        table.AddRow("Requests/min", m.RequestsPerMinute.ToString("0", Invariant));
        table.AddRow("429s/min", m.RateLimitedPerMinute.ToString("0", Invariant));
        table.AddRow("Delayed/request", m.DelayedPerRequest.ToString("0.00", Invariant));
        table.AddRow("Requests", agent.Totals.Requests.ToString("N0", Invariant));
        return table;
    }

    private static Table QueueTable(AgentSnapshot agent)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Queue wait by priority") };
        table.AddColumn("Priority").AddColumn(new TableColumn("Waiting").RightAligned()).AddColumn(new TableColumn("Req/min").RightAligned()).AddColumn(new TableColumn("Mean wait").RightAligned());
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
        table.AddColumn("").AddColumn(new TableColumn("").RightAligned());
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

    private static Table ShipsTable(AgentSnapshot agent, int maxRows)
    {
        var table = new Table { Border = TableBorder.Rounded, Expand = true, Title = new TableTitle($"Ships of {Markup.Escape(agent.Symbol)} ({agent.Ships.Count})") };
        table.AddColumn("Ship").AddColumn("Type").AddColumn("Behaviour").AddColumn("State").AddColumn("Activity")
            .AddColumn(new TableColumn("Req").RightAligned()).AddColumn(new TableColumn("Credits").RightAligned()).AddColumn(new TableColumn("CPR").RightAligned());
        foreach (var ship in agent.Ships.Take(Math.Max(1, maxRows)))
        {
            var session = ship.Session;
            table.AddRow(
                Markup.Escape(ship.Symbol),
                Markup.Escape(ShortType(ship.ShipType ?? ship.Role)),
                Markup.Escape(ship.Assignment?.ToString() ?? "-"),
                State(ship.State),
                Markup.Escape(Shorten(ship.Activity ?? string.Empty, 48)),
                session?.Requests.ToString(Invariant) ?? "",
                session is null ? "" : Signed(session.CreditsEarned),
                session is null ? "" : session.CreditsPerRequest.ToString("0.0", Invariant));
        }

        if (agent.Ships.Count > maxRows)
        {
            table.Caption = new TableTitle($"... and {agent.Ships.Count - maxRows} more ({string.Join(", ", agent.Ships.Skip(maxRows).GroupBy(s => s.State).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})");
        }

        return table;
    }

    private static Panel ProblemsPanel(RuntimeSnapshot snapshot)
    {
        var lines = snapshot.Problems.TakeLast(5).Select(p =>
            $"[grey]{p.At.ToString("HH:mm:ss", Invariant)}[/] {(p.ShipSymbol is null ? string.Empty : Markup.Escape(p.ShipSymbol) + ": ")}{Markup.Escape(Shorten(p.Message, 160))}");
        return new Panel(new Markup(string.Join('\n', lines))) { Header = new PanelHeader($"[yellow] Problems ({snapshot.Problems.Count}) [/]"), Expand = true };
    }

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
