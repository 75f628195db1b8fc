namespace SpaceTraders.Simulator.Api.Dtos;

// Response shapes of the live spec (components/schemas), serialized camelCase with nulls omitted.

/// <summary>The <c>{"data": ...}</c> envelope.</summary>
internal sealed record DataEnvelope<T>(T Data);

/// <summary>The <c>{"data": [...], "meta": ...}</c> envelope of paged lists.</summary>
internal sealed record PagedEnvelope<T>(IReadOnlyList<T> Data, MetaDto Meta);

/// <summary>Meta.</summary>
internal sealed record MetaDto(int Total, int Page, int Limit);

/// <summary>A symbol/name/description triple: FactionTrait, WaypointTrait, WaypointModifier.</summary>
internal sealed record TraitDto(string Symbol, string Name, string Description);

/// <summary>An object with only a symbol: WaypointOrbital, SystemFaction, WaypointFaction, SurveyDeposit, ...</summary>
internal sealed record SymbolDto(string Symbol);

/// <summary>Agent.</summary>
internal sealed record AgentDto(string AccountId, string Symbol, string Headquarters, long Credits, string StartingFaction, int ShipCount);

/// <summary>PublicAgent.</summary>
internal sealed record PublicAgentDto(string Symbol, string Headquarters, long Credits, string StartingFaction, int ShipCount);

/// <summary>AgentEvent.</summary>
internal sealed record AgentEventDto(string Id, string Type, string Message, AgentEventDataDto? Data, UtcTimestamp CreatedAt);

/// <summary>The data of an agent event.</summary>
internal sealed record AgentEventDataDto(string Subject);

/// <summary>Faction.</summary>
internal sealed record FactionDto(string Symbol, string Name, string Description, string? Headquarters, IReadOnlyList<TraitDto> Traits, bool IsRecruiting);

/// <summary>An item of get-my-factions.</summary>
internal sealed record FactionReputationDto(string Symbol, int Reputation);

/// <summary>The payload of get-my-account.</summary>
internal sealed record AccountEnvelopeDto(AccountDto Account);

/// <summary>The account of get-my-account.</summary>
internal sealed record AccountDto(string Id, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Email, UtcTimestamp CreatedAt);

/// <summary>The body of <c>GET /error-codes</c> (no envelope).</summary>
internal sealed record ErrorCodesDto(IReadOnlyList<ErrorCodeDto> ErrorCodes);

/// <summary>One error code.</summary>
internal sealed record ErrorCodeDto(int Code, string Name);

/// <summary>The payload of get-supply-chain.</summary>
internal sealed record SupplyChainDto(Dictionary<string, string[]> ExportToImportMap);
