namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// What <see cref="ExtensibleEnumConverter{T}"/> needs from an extensible string enum (<c>TradeSymbol</c>,
/// <c>ShipType</c>, ...): the string it holds and a way to make one from a string.
/// </summary>
/// <typeparam name="TSelf">The enum type.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>Gets the value as the API spells it.</summary>
    string Value { get; }

    /// <summary>Creates a value from the API's string; never fails for an unknown string.</summary>
    /// <param name="value">The value as the API spells it.</param>
    /// <returns>The value.</returns>
    static abstract TSelf FromValue(string value);
}
