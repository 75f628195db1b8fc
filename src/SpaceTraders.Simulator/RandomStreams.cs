namespace SpaceTraders.Simulator;

/// <summary>How the simulation draws the luck of ships' actions: extraction and siphon yields, survey contents, and the condition events after flights and extractions.</summary>
public enum RandomStreams
{
    /// <summary>
    /// One stream for the whole game (the default): every outcome is drawn from it in the order the requests arrive.
    /// The same seed and the same requests in the same order give the same game, but any change in timing
    /// (one request a second later) reshuffles every later draw, for every ship.
    /// </summary>
    Shared,

    /// <summary>
    /// One stream per ship, seeded from the simulation's seed and the ship's symbol: a ship's tenth extraction yields
    /// the same whatever the other ships did and whenever it happens (the state of the asteroid, which does depend
    /// on timing, still applies). Use it to compare strategies on the same seed ("common random numbers"), so the
    /// difference between two runs is the strategies' and not the dice's. World generation, market start-up,
    /// contracts and symbols stay on the shared stream.
    /// </summary>
    PerShip,
}
