namespace SpaceTraders.Simulator.Game;

/// <summary>A ship's cargo: goods and units in insertion order.</summary>
internal sealed class CargoHold
{
    /// <summary>Gets the items in the order they first arrived.</summary>
    public List<CargoItem> Items { get; } = [];

    /// <summary>Gets the total units held.</summary>
    public int Units { get; private set; }

    /// <summary>Gets the units held of one good.</summary>
    public int UnitsOf(string symbol)
    {
        foreach (var item in Items)
        {
            if (string.Equals(item.Symbol, symbol, StringComparison.Ordinal))
            {
                return item.Units;
            }
        }

        return 0;
    }

    /// <summary>Adds units of a good (capacity is the caller's concern).</summary>
    public void Add(string symbol, int units)
    {
        if (units <= 0)
        {
            return;
        }

        Units += units;
        foreach (var item in Items)
        {
            if (string.Equals(item.Symbol, symbol, StringComparison.Ordinal))
            {
                item.Units += units;
                return;
            }
        }

        Items.Add(new CargoItem(symbol) { Units = units });
    }

    /// <summary>Removes units of a good; the caller has checked that they are there.</summary>
    public void Remove(string symbol, int units)
    {
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            if (!string.Equals(item.Symbol, symbol, StringComparison.Ordinal))
            {
                continue;
            }

            var taken = Math.Min(units, item.Units);
            item.Units -= taken;
            Units -= taken;
            if (item.Units == 0)
            {
                Items.RemoveAt(i);
            }

            return;
        }
    }
}

/// <summary>Units of one good in a hold.</summary>
internal sealed class CargoItem(string symbol)
{
    /// <summary>Gets the TradeSymbol.</summary>
    public string Symbol { get; } = symbol;

    /// <summary>Gets or sets the units held.</summary>
    public int Units { get; set; }
}
