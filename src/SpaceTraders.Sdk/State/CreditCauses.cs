namespace SpaceTraders.Sdk.State;

/// <summary>The causes <see cref="CreditsChangedEventArgs.Cause"/> takes: what moved the agent's credits.</summary>
public static class CreditCauses
{
    /// <summary>Cargo sold at a market.</summary>
    public const string Sell = "sell";

    /// <summary>Cargo bought at a market.</summary>
    public const string Purchase = "purchase";

    /// <summary>Fuel bought.</summary>
    public const string Refuel = "refuel";

    /// <summary>A ship repaired.</summary>
    public const string Repair = "repair";

    /// <summary>A ship scrapped.</summary>
    public const string Scrap = "scrap";

    /// <summary>A ship bought at a shipyard.</summary>
    public const string ShipPurchase = "ship-purchase";

    /// <summary>A mount installed or removed.</summary>
    public const string Mount = "mount";

    /// <summary>A module installed or removed.</summary>
    public const string Module = "module";

    /// <summary>A contract accepted (its advance paid).</summary>
    public const string ContractAccept = "contract-accept";

    /// <summary>A contract fulfilled (its balance paid).</summary>
    public const string ContractFulfil = "contract-fulfil";

    /// <summary>A jump (antimatter bought).</summary>
    public const string Jump = "jump";

    /// <summary>A waypoint charted.</summary>
    public const string Chart = "chart";

    /// <summary>A refresh of the agent showed another balance than the last one seen (changes made elsewhere).</summary>
    public const string Sync = "sync";
}
