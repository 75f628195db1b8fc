namespace SpaceTraders.Simulator.Api.Dtos;

/// <summary>The body of <c>GET /</c> (no envelope).</summary>
internal sealed record StatusDto(
    string Status,
    string Version,
    string ResetDate,
    string Description,
    StatusStatsDto Stats,
    StatusHealthDto Health,
    StatusLeaderboardsDto Leaderboards,
    ServerResetsDto ServerResets,
    IReadOnlyList<AnnouncementDto> Announcements,
    IReadOnlyList<LinkDto> Links);

/// <summary>Status stats.</summary>
internal sealed record StatusStatsDto(int Accounts, int Agents, int Ships, int Systems, int Waypoints);

/// <summary>Status health.</summary>
internal sealed record StatusHealthDto(UtcTimestamp? LastMarketUpdate);

/// <summary>Leaderboards.</summary>
internal sealed record StatusLeaderboardsDto(IReadOnlyList<CreditsEntryDto> MostCredits, IReadOnlyList<ChartsEntryDto> MostSubmittedCharts);

/// <summary>A most-credits entry.</summary>
internal sealed record CreditsEntryDto(string AgentSymbol, long Credits);

/// <summary>A most-charts entry.</summary>
internal sealed record ChartsEntryDto(string AgentSymbol, int ChartCount);

/// <summary>Server resets.</summary>
internal sealed record ServerResetsDto(string Next, string Frequency);

/// <summary>An announcement.</summary>
internal sealed record AnnouncementDto(string Title, string Body);

/// <summary>A link.</summary>
internal sealed record LinkDto(string Name, string Url);
