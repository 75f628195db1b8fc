"""The hand-kept table behind generate_clients.py: what the spec does not say about each operation.

Per operation id (the spec's operationId):

  priority        the default priority class (Critical, Normal or Background): see the remarks on
                  EndpointCatalog (src/SpaceTraders.Sdk/Http/EndpointCatalog.cs) for why each class holds what it does.
  idempotent      True when a second send has the effect of one (only for non-GET operations; every GET is);
                  note is the comment printed above the catalog entry saying why (or why not).
  summary         one line, without the trailing period, for the Refit method and the public interface member;
                  doc_summary replaces the public member's summary when it needs more than "summary (METHOD path)".
                  The <remarks> are the spec's description.
  params          documentation of parameters that SHARED_PARAM_DOCS does not cover or covers differently.
  returns         the <returns> text (the generator's default when absent).
  client          what the client method does:
                    read                 send, unwrap, run "apply", return;
                    action               send through the action runner with the hand-written <Name>ReadBack
                                         (an unknown outcome is reconciled, never resent blindly), run "apply";
                    action-no-readback   the same without a read-back (client_note says why);
                    hand                 the method is hand-written in Clients/<Area>Client.cs.
  apply           C# statements run on the result: the merge into the tracked state (AgentState.Apply), the static
                  world cache, the read-backs' answered transactions.
  body_name       the body parameter's name when it is not "request".
  overload        a convenience overload: its signature, docs and the arguments it forwards ("call"); a list for
                  several.
  enumerate       for a paged list, the Enumerate...Async walk's summary (a "signature" makes it hand-written).
  signature       the public method's parameters when they differ from the spec's (filters taking typed values).
"""

# Types the JSON context serializes besides the operations' responses and bodies: the error shapes.
JSON_EXTRA_TYPES = ["ApiErrorEnvelope", "CooldownErrorData", "ShipInTransitError", "InsufficientFuelError", "RateLimitError"]

# One line per area client interface.
AREA_DOCS = {'Accounts': 'The account endpoints: the account and registering new agents.',
 'Agents': "The agent endpoints: your agent, its recent events, and other agents' public details.",
 'Contracts': 'The contract endpoints: list, accept, deliver to and fulfill contracts.',
 'Data': 'The game data endpoints: the market supply chain.',
 'Factions': 'The faction endpoints: the factions and your reputation with them.',
 'Fleet': 'The fleet endpoints: your ships and everything they do (navigate, extract, trade, refuel, scan, ...).',
 'Global': "The API's global endpoints: the server's status and its error codes.",
 'Systems': 'The system endpoints: systems, waypoints, markets, shipyards, jump gates and construction sites.'}

# Parameter documentation shared by every operation that has the parameter.
SHARED_PARAM_DOCS = {'agentSymbol': "The agent's symbol, for example <c>BADGER</c>.",
 'contractId': "The contract's ID.",
 'faction': 'The starting faction, for example <see cref="FactionSymbol.Cosmic"/>.',
 'factionSymbol': 'The faction\'s symbol, for example <see cref="FactionSymbol.Cosmic"/>.',
 'flightMode': 'The new flight mode, for example <see cref="ShipNavFlightMode.Burn"/>.',
 'fromCargo': 'Whether to take FUEL from the ship\'s cargo instead of buying it; <see langword="null"/> means no.',
 'produce': 'The good to produce: <see cref="TradeSymbol.Iron"/>, <see cref="TradeSymbol.Copper"/>, <see '
            'cref="TradeSymbol.Fuel"/>, ...',
 'request': 'The request body.',
 'shipSymbol': "The ship's symbol, for example <c>BADGER-1</c>.",
 'shipType': 'The type of ship to buy, for example <see cref="ShipType.ShipMiningDrone"/>.',
 'survey': 'The survey, whole and unmodified, as <see cref="IFleetClient.CreateSurveyAsync(string, RequestPriority?, CancellationToken)"/> returned it.',
 'systemSymbol': "The system's symbol, for example <c>X1-DF55</c>.",
 'targetShipSymbol': 'The receiving ship, at the same waypoint and in the same docked or orbiting state.',
 'traits': 'Only waypoints with these traits (one or more), for example <c>[WaypointTraitSymbol.Marketplace]</c>; no '
           'filter when <see langword="null"/> or empty.',
 'type': 'Only waypoints of this type, for example <see cref="WaypointType.AsteroidField"/>; all types when <see '
         'langword="null"/>.',
 'waypointSymbol': "The waypoint's symbol, for example <c>X1-DF55-A1</c>."}

# The parameters both supply-construction overloads take beside the site.
SUPPLY_PARAM_DOCS = {'shipSymbol': 'The ship carrying the good, at the construction site.',
                     'tradeSymbol': 'The good to supply.',
                     'units': 'The number of units to supply.'}

OPERATIONS = {'get-my-account': {'priority': 'Normal', 'summary': 'Gets the account the agent belongs to', 'client': 'read'},
 'register': {'priority': 'Normal',
              'summary': 'Registers a new agent and returns its token, agent, faction, starting contract and ships',
              'client': 'action-no-readback',
              'apply': ['_state?.Apply(result);'],
              'overload': {'summary': 'Registers a new agent and returns its token, agent, faction, starting contract '
                                      'and ships (<c>POST /register</c>).',
                           'params': {'symbol': 'The agent symbol: 3 to 14 letters, digits, <c>-</c> or <c>_</c>; the '
                                                'server upper-cases it.'},
                           'signature': 'string symbol, FactionSymbol faction, RequestPriority? priority = null, '
                                        'CancellationToken cancellationToken = default',
                           'call': 'new RegisterRequest { Symbol = symbol, Faction = faction }'},
              'client_note': "No sound read-back: the lost answer held the only copy of the new agent's token."},
 'get-agents': {'priority': 'Background',
                'summary': 'Lists the public details of all agents, one page at a time',
                'client': 'read',
                'enumerate': {'summary': 'Walks every agent, fetching page after page of 20 (<c>GET /agents</c>).'}},
 'get-agent': {'priority': 'Background', 'summary': 'Gets the public details of an agent', 'client': 'read'},
 'get-my-agent': {'priority': 'Normal',
                  'summary': "Gets the agent's own details, including its credits",
                  'client': 'read',
                  'apply': ['_state?.Apply(result);']},
 'get-my-agent-events': {'priority': 'Normal', 'summary': "Gets the agent's recent events", 'client': 'read'},
 'get-contracts': {'priority': 'Normal',
                   'summary': "Lists the agent's contracts, one page at a time",
                   'client': 'read',
                   'apply': ['_state?.Apply(result.Items);'],
                   'enumerate': {'summary': 'Walks every contract of the agent, fetching page after page of 20 (<c>GET '
                                            '/my/contracts</c>).'}},
 'get-contract': {'priority': 'Normal',
                  'summary': "Gets one of the agent's contracts",
                  'client': 'read',
                  'apply': ['_state?.Apply(result);']},
 'accept-contract': {'priority': 'Normal',
                     'summary': 'Accepts a contract offered to the agent and receives its advance payment',
                     'client': 'action',
                     'apply': ['_state?.Apply(result);']},
 'deliver-contract': {'priority': 'Critical',
                      'summary': 'Delivers cargo from a ship at the delivery waypoint to a contract',
                      'client': 'action',
                      'apply': ['_state?.Apply(request.ShipSymbol, result);'],
                      'overload': {'summary': 'Delivers cargo from a ship at the delivery waypoint to a contract '
                                              '(<c>POST /my/contracts/{contractId}/deliver</c>).',
                                   'params': {'shipSymbol': 'The ship carrying the good, at the delivery waypoint.',
                                              'tradeSymbol': 'The good to deliver.',
                                              'units': 'The number of units to deliver.'},
                                   'signature': 'string contractId, string shipSymbol, TradeSymbol tradeSymbol, int '
                                                'units, RequestPriority? priority = null, CancellationToken '
                                                'cancellationToken = default',
                                   'call': 'contractId, new DeliverContractRequest { ShipSymbol = shipSymbol, '
                                           'TradeSymbol = tradeSymbol, Units = units }'}},
 'fulfill-contract': {'priority': 'Critical',
                      'summary': 'Fulfills a contract whose deliveries are complete and receives its payment',
                      'client': 'action',
                      'apply': ['_state?.Apply(result);']},
 'get-supply-chain': {'priority': 'Background',
                      'summary': 'Gets the supply chain: which imports each export needs',
                      'client': 'read'},
 'get-factions': {'priority': 'Background',
                  'summary': 'Lists the factions, one page at a time',
                  'client': 'read',
                  'enumerate': {'summary': 'Walks every faction, fetching page after page of 20 (<c>GET '
                                           '/factions</c>).'}},
 'get-faction': {'priority': 'Background', 'summary': 'Gets a faction', 'client': 'read'},
 'get-my-factions': {'priority': 'Background',
                     'summary': 'Lists the factions the agent has a reputation with, one page at a time',
                     'client': 'read',
                     'enumerate': {'summary': 'Walks every faction the agent has a reputation with, fetching page '
                                              'after page of 20 (<c>GET /my/factions</c>).'}},
 'get-my-ships': {'priority': 'Normal',
                  'summary': "Lists the agent's ships, one page at a time",
                  'client': 'hand',
                  'enumerate': {'summary': 'Walks every ship of the agent, fetching page after page of 20 (<c>GET '
                                           '/my/ships</c>).'}},
 'purchase-ship': {'priority': 'Normal',
                   'summary': "Buys a ship at a shipyard where one of the agent's ships is",
                   'client': 'action',
                   'apply': ['_state?.Apply(result);'],
                   'overload': {'summary': "Buys a ship at a shipyard where one of the agent's ships is (<c>POST "
                                           '/my/ships</c>).',
                                'params': {'waypointSymbol': "The shipyard's waypoint, where one of the agent's ships "
                                                             'must be.'},
                                'signature': 'ShipType shipType, string waypointSymbol, RequestPriority? priority = '
                                             'null, CancellationToken cancellationToken = default',
                                'call': 'new PurchaseShipRequest { ShipType = shipType, WaypointSymbol = '
                                        'waypointSymbol }'}},
 'get-my-ship': {'priority': 'Normal',
                 'summary': "Gets one of the agent's ships",
                 'client': 'read',
                 'apply': ['_state?.Apply(result);']},
 'get-my-ship-cargo': {'priority': 'Normal',
                       'summary': "Gets a ship's cargo",
                       'client': 'read',
                       'apply': ['_state?.Apply(shipSymbol, result);']},
 'create-chart': {'priority': 'Normal',
                  'summary': 'Charts the uncharted waypoint where the ship is',
                  'client': 'action',
                  'apply': ['_state?.Apply(result);']},
 'get-ship-cooldown': {'priority': 'Normal',
                       'summary': 'Gets a ship\'s reactor cooldown, or <see langword="null"/> when it has none',
                       'returns': 'The cooldown, or <see langword="null"/> when the ship has none (HTTP 204).',
                       'client': 'read',
                       'apply': ['_state?.Apply(shipSymbol, result);']},
 'dock-ship': {'priority': 'Normal',
               'idempotent': True,
               'note': 'Idempotent: docking a docked ship leaves it docked (the server answers with its nav).',
               'summary': 'Docks a ship at its current waypoint',
               'client': 'read',
               'apply': ['_state?.Apply(shipSymbol, result);']},
 'extract-resources': {'priority': 'Normal',
                       'summary': "Extracts resources at the ship's waypoint; starts a cooldown",
                       'client': 'action',
                       'apply': ['_state?.Apply(shipSymbol, result);']},
 'extract-resources-with-survey': {'priority': 'Normal',
                                   'summary': 'Extracts resources using a survey to target its deposits; starts a '
                                              'cooldown',
                                   'client': 'hand',
                                   'body_name': 'survey'},
 'jettison': {'priority': 'Normal',
              'summary': "Jettisons cargo from a ship's hold",
              'client': 'action',
              'apply': ['_state?.Apply(shipSymbol, result);'],
              'overload': {'summary': "Jettisons cargo from a ship's hold (<c>POST "
                                      '/my/ships/{shipSymbol}/jettison</c>).',
                           'params': {'symbol': 'The good to jettison.', 'units': 'The number of units to jettison.'},
                           'signature': 'string shipSymbol, TradeSymbol symbol, int units, RequestPriority? priority = '
                                        'null, CancellationToken cancellationToken = default',
                           'call': 'shipSymbol, new JettisonCargoRequest { Symbol = symbol, Units = units }'}},
 'jump-ship': {'priority': 'Normal',
               'summary': 'Jumps a ship through its jump gate to a connected gate, buying one antimatter; starts a '
                          'cooldown',
               'client': 'action',
               'apply': ['_state?.Apply(shipSymbol, result);'],
               'overload': {'summary': 'Jumps a ship through its jump gate to a connected gate, buying one antimatter; '
                                       'starts a cooldown (<c>POST /my/ships/{shipSymbol}/jump</c>).',
                            'params': {'waypointSymbol': "The jump gate to jump to; it must be connected to the ship's "
                                                         'gate.'},
                            'signature': 'string shipSymbol, string waypointSymbol, RequestPriority? priority = null, '
                                         'CancellationToken cancellationToken = default',
                            'call': 'shipSymbol, new JumpShipRequest { WaypointSymbol = waypointSymbol }'}},
 'get-ship-modules': {'priority': 'Normal',
                      'summary': 'Gets the modules installed on a ship',
                      'client': 'read',
                      'apply': ['_state?.Apply(shipSymbol, result);']},
 'install-ship-module': {'priority': 'Normal',
                         'summary': "Installs a module from the ship's cargo",
                         'client': 'action',
                         'apply': ['_state?.Apply(shipSymbol, result);'],
                         'overload': {'summary': "Installs a module from the ship's cargo (<c>POST "
                                                 '/my/ships/{shipSymbol}/modules/install</c>).',
                                      'params': {'symbol': "The module to install, which must be in the ship's cargo."},
                                      'signature': 'string shipSymbol, ShipModuleSymbol symbol, RequestPriority? '
                                                   'priority = null, CancellationToken cancellationToken = default',
                                      'call': 'shipSymbol, new InstallShipModuleRequest { Symbol = symbol }'}},
 'remove-ship-module': {'priority': 'Normal',
                        'summary': 'Removes a module from a ship into its cargo',
                        'client': 'action',
                        'apply': ['_state?.Apply(shipSymbol, result);'],
                        'overload': {'summary': 'Removes a module from a ship into its cargo (<c>POST '
                                                '/my/ships/{shipSymbol}/modules/remove</c>).',
                                     'params': {'symbol': 'The module to remove.'},
                                     'signature': 'string shipSymbol, ShipModuleSymbol symbol, RequestPriority? '
                                                  'priority = null, CancellationToken cancellationToken = default',
                                     'call': 'shipSymbol, new RemoveShipModuleRequest { Symbol = symbol }'}},
 'get-mounts': {'priority': 'Normal',
                'summary': 'Gets the mounts installed on a ship',
                'client': 'read',
                'apply': ['_state?.Apply(shipSymbol, result);']},
 'install-mount': {'priority': 'Normal',
                   'summary': "Installs a mount from the ship's cargo at a shipyard",
                   'client': 'action',
                   'apply': ['_state?.Apply(shipSymbol, result);'],
                   'overload': {'summary': "Installs a mount from the ship's cargo at a shipyard (<c>POST "
                                           '/my/ships/{shipSymbol}/mounts/install</c>).',
                                'params': {'symbol': "The mount to install, which must be in the ship's cargo."},
                                'signature': 'string shipSymbol, ShipMountSymbol symbol, RequestPriority? priority = '
                                             'null, CancellationToken cancellationToken = default',
                                'call': 'shipSymbol, new InstallMountRequest { Symbol = symbol }'}},
 'remove-mount': {'priority': 'Normal',
                  'summary': 'Removes a mount from a ship into its cargo at a shipyard',
                  'client': 'action',
                  'apply': ['_state?.Apply(shipSymbol, result);'],
                  'overload': {'summary': 'Removes a mount from a ship into its cargo at a shipyard (<c>POST '
                                          '/my/ships/{shipSymbol}/mounts/remove</c>).',
                               'params': {'symbol': 'The mount to remove.'},
                               'signature': 'string shipSymbol, ShipMountSymbol symbol, RequestPriority? priority = '
                                            'null, CancellationToken cancellationToken = default',
                               'call': 'shipSymbol, new RemoveMountRequest { Symbol = symbol }'}},
 'get-ship-nav': {'priority': 'Normal',
                  'summary': "Gets a ship's navigation state",
                  'client': 'read',
                  'apply': ['_state?.Apply(shipSymbol, result);']},
 'patch-ship-nav': {'priority': 'Normal',
                    'idempotent': True,
                    'note': 'Idempotent: sets the flight mode to a value; the same mode again changes nothing and '
                            'costs no fuel.',
                    'summary': "Changes a ship's flight mode, also while it is in transit",
                    'client': 'read',
                    'apply': ['_state?.Apply(shipSymbol, result);'],
                    'overload': {'summary': "Changes a ship's flight mode, also while it is in transit (<c>PATCH "
                                            '/my/ships/{shipSymbol}/nav</c>).',
                                 'signature': 'string shipSymbol, ShipNavFlightMode flightMode, RequestPriority? '
                                              'priority = null, CancellationToken cancellationToken = default',
                                 'call': 'shipSymbol, new PatchShipNavRequest { FlightMode = flightMode }'}},
 'navigate-ship': {'priority': 'Normal',
                   'note': 'Not idempotent (nor warp or jump): the effect happens once, but a resend after success '
                           'answers 4214/4204.',
                   'summary': 'Navigates a ship in orbit to a waypoint in the same system',
                   'client': 'action',
                   'apply': ['_state?.Apply(shipSymbol, result);'],
                   'overload': {'summary': 'Navigates a ship in orbit to a waypoint in the same system (<c>POST '
                                           '/my/ships/{shipSymbol}/navigate</c>).',
                                'params': {'waypointSymbol': "The destination waypoint, in the ship's system."},
                                'signature': 'string shipSymbol, string waypointSymbol, RequestPriority? priority = '
                                             'null, CancellationToken cancellationToken = default',
                                'call': 'shipSymbol, new NavigateShipRequest { WaypointSymbol = waypointSymbol }'}},
 'negotiate-contract': {'priority': 'Normal',
                        'summary': "Negotiates a new contract with the faction at the ship's waypoint",
                        'client': 'action',
                        'apply': ['_state?.Apply(shipSymbol, result);']},
 'orbit-ship': {'priority': 'Normal',
                'idempotent': True,
                'note': 'Idempotent: orbiting a ship in orbit leaves it in orbit (the server answers with its nav).',
                'summary': 'Moves a docked ship into orbit',
                'client': 'read',
                'apply': ['_state?.Apply(shipSymbol, result);']},
 'purchase-cargo': {'priority': 'Normal',
                    'note': 'Not idempotent: a resend buys (or, below, sells) the units again and charges again.',
                    'summary': 'Buys a good from the market where the ship is docked',
                    'client': 'action',
                    'apply': ['_state?.Apply(shipSymbol, result);',
                              '_actions?.ReadBacks.Answered(shipSymbol, result.Transaction);'],
                    'overload': {'summary': 'Buys a good from the market where the ship is docked (<c>POST '
                                            '/my/ships/{shipSymbol}/purchase</c>).',
                                 'params': {'symbol': 'The good to buy.',
                                            'units': "The number of units to buy, at most the good's trade volume."},
                                 'signature': 'string shipSymbol, TradeSymbol symbol, int units, RequestPriority? '
                                              'priority = null, CancellationToken cancellationToken = default',
                                 'call': 'shipSymbol, new PurchaseCargoRequest { Symbol = symbol, Units = units }'}},
 'ship-refine': {'priority': 'Normal',
                 'summary': "Refines raw goods in a ship's cargo into a product; starts a cooldown",
                 'client': 'action',
                 'apply': ['_state?.Apply(shipSymbol, result);'],
                 'overload': {'summary': "Refines raw goods in a ship's cargo into a product; starts a cooldown "
                                         '(<c>POST /my/ships/{shipSymbol}/refine</c>).',
                              'signature': 'string shipSymbol, TradeSymbol produce, RequestPriority? priority = null, '
                                           'CancellationToken cancellationToken = default',
                              'call': 'shipSymbol, new RefineShipRequest { Produce = produce }'}},
 'refuel-ship': {'priority': 'Critical',
                 'summary': 'Refuels a docked ship from the market, or from FUEL in its cargo',
                 'client': 'action',
                 'apply': ['_state?.Apply(shipSymbol, result);',
                           '_actions?.ReadBacks.Answered(shipSymbol, result.Transaction);'],
                 'overload': {'summary': 'Refuels a docked ship from the market, or from FUEL in its cargo (<c>POST '
                                         '/my/ships/{shipSymbol}/refuel</c>).',
                              'params': {'units': 'The fuel to add, in ship fuel units (100 per market unit); <see '
                                                  'langword="null"/> fills the tank.'},
                              'signature': 'string shipSymbol, int? units = null, bool? fromCargo = null, '
                                           'RequestPriority? priority = null, CancellationToken cancellationToken = '
                                           'default',
                              'call': 'shipSymbol, new RefuelShipRequest { Units = units, FromCargo = fromCargo }'}},
 'get-repair-ship': {'priority': 'Normal', 'summary': 'Gets what repairing a ship would cost', 'client': 'read'},
 'repair-ship': {'priority': 'Normal',
                 'summary': 'Repairs a ship docked at a shipyard',
                 'client': 'action',
                 'apply': ['_state?.Apply(shipSymbol, result);']},
 'create-ship-ship-scan': {'priority': 'Normal',
                           'summary': 'Scans for ships in range; starts a cooldown',
                           'client': 'action',
                           'apply': ['_state?.Apply(shipSymbol, result);']},
 'create-ship-system-scan': {'priority': 'Normal',
                             'summary': 'Scans for systems in range; starts a cooldown',
                             'client': 'action',
                             'apply': ['_state?.Apply(shipSymbol, result);']},
 'create-ship-waypoint-scan': {'priority': 'Normal',
                               'summary': 'Scans for waypoints in range, with their traits; starts a cooldown',
                               'client': 'action',
                               'apply': ['_state?.Apply(shipSymbol, result);']},
 'get-scrap-ship': {'priority': 'Normal', 'summary': 'Gets what scrapping a ship would pay', 'client': 'read'},
 'scrap-ship': {'priority': 'Normal',
                'summary': 'Scraps a ship docked at a shipyard for part of its value',
                'client': 'action',
                'apply': ['_state?.Apply(shipSymbol, result);']},
 'sell-cargo': {'priority': 'Critical',
                'summary': "Sells a good from a ship's cargo to the market where it is docked",
                'client': 'action',
                'apply': ['_state?.Apply(shipSymbol, result);',
                          '_actions?.ReadBacks.Answered(shipSymbol, result.Transaction);'],
                'overload': {'summary': "Sells a good from a ship's cargo to the market where it is docked (<c>POST "
                                        '/my/ships/{shipSymbol}/sell</c>).',
                             'params': {'symbol': 'The good to sell.',
                                        'units': "The number of units to sell, at most the good's trade volume."},
                             'signature': 'string shipSymbol, TradeSymbol symbol, int units, RequestPriority? priority '
                                          '= null, CancellationToken cancellationToken = default',
                             'call': 'shipSymbol, new SellCargoRequest { Symbol = symbol, Units = units }'}},
 'siphon-resources': {'priority': 'Normal',
                      'summary': "Siphons gas at the ship's waypoint; starts a cooldown",
                      'client': 'action',
                      'apply': ['_state?.Apply(shipSymbol, result);']},
 'create-survey': {'priority': 'Normal',
                   'summary': "Surveys the ship's waypoint for deposits; starts a cooldown",
                   'client': 'action',
                   'apply': ['_state?.Apply(shipSymbol, result);']},
 'transfer-cargo': {'priority': 'Normal',
                    'summary': 'Transfers cargo to another ship at the same waypoint',
                    'client': 'action',
                    'apply': ['_state?.Apply(shipSymbol, request.ShipSymbol, result);'],
                    'overload': {'summary': 'Transfers cargo to another ship at the same waypoint (<c>POST '
                                            '/my/ships/{shipSymbol}/transfer</c>).',
                                 'params': {'tradeSymbol': 'The good to transfer.',
                                            'units': 'The number of units to transfer.'},
                                 'signature': 'string shipSymbol, string targetShipSymbol, TradeSymbol tradeSymbol, '
                                              'int units, RequestPriority? priority = null, CancellationToken '
                                              'cancellationToken = default',
                                 'call': 'shipSymbol, new TransferCargoRequest { ShipSymbol = targetShipSymbol, '
                                         'TradeSymbol = tradeSymbol, Units = units }'}},
 'warp-ship': {'priority': 'Normal',
               'summary': 'Warps a ship in orbit to a waypoint in another system',
               'client': 'action',
               'apply': ['_state?.Apply(shipSymbol, result);'],
               'overload': {'summary': 'Warps a ship in orbit to a waypoint in another system (<c>POST '
                                       '/my/ships/{shipSymbol}/warp</c>).',
                            'params': {'waypointSymbol': 'The destination waypoint, in another system.'},
                            'signature': 'string shipSymbol, string waypointSymbol, RequestPriority? priority = null, '
                                         'CancellationToken cancellationToken = default',
                            'call': 'shipSymbol, new WarpShipRequest { WaypointSymbol = waypointSymbol }'}},
 'get-status': {'priority': 'Background',
                'summary': "Gets the server's status: version, last and next reset, statistics, leaderboards and "
                           'announcements',
                'client': 'hand'},
 'get-error-codes': {'priority': 'Background',
                     'summary': 'Lists every error code the game server can return, with its name',
                     'client': 'read'},
 'get-systems': {'priority': 'Background',
                 'summary': 'Lists the systems, one page at a time',
                 'client': 'read',
                 'enumerate': {'summary': 'Walks every system, fetching page after page of 20 (<c>GET /systems</c>).'}},
 'get-system': {'priority': 'Background',
                'summary': 'Gets a system',
                'client': 'read',
                'apply': ['_world?.Record(result);']},
 'get-system-waypoints': {'priority': 'Background',
                          'summary': 'Lists the waypoints of a system, optionally filtered by type and traits, one '
                                     'page at a time',
                          'signature': 'string systemSymbol, int? page = null, int? limit = null, WaypointType? type = '
                                       'null, IReadOnlyCollection<WaypointTraitSymbol>? traits = null, '
                                       'RequestPriority? priority = null, CancellationToken cancellationToken = '
                                       'default',
                          'client': 'hand',
                          'enumerate': {'summary': 'Walks every waypoint of a system that matches the filters, '
                                                   'fetching page after page of 20 (<c>GET '
                                                   '/systems/{systemSymbol}/waypoints</c>).',
                                        'signature': 'string systemSymbol, WaypointType? type = null, '
                                                     'IReadOnlyCollection<WaypointTraitSymbol>? traits = null, '
                                                     'RequestPriority priority = RequestPriority.Background, '
                                                     'CancellationToken cancellationToken = default'}},
 'get-waypoint': {'priority': 'Background',
                  'summary': 'Gets a waypoint',
                  'client': 'read',
                  'apply': ['_world?.Record(result);', '_state?.Apply(result);'],
                  'overload': {'summary': "Gets a waypoint, taking the system from the waypoint's symbol (<c>GET "
                                          '/systems/{systemSymbol}/waypoints/{waypointSymbol}</c>).',
                               'signature': 'string waypointSymbol, RequestPriority? priority = null, '
                                            'CancellationToken cancellationToken = default',
                               'call': 'Symbols.SystemOf(waypointSymbol), waypointSymbol'}},
 'get-construction': {'priority': 'Background',
                      'summary': 'Gets the construction site at a waypoint under construction',
                      'client': 'read',
                      'overload': {'summary': 'Gets the construction site at a waypoint under construction, taking the '
                                              "system from the waypoint's symbol (<c>GET "
                                              '/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction</c>).',
                                   'signature': 'string waypointSymbol, RequestPriority? priority = null, '
                                                'CancellationToken cancellationToken = default',
                                   'call': 'Symbols.SystemOf(waypointSymbol), waypointSymbol'}},
 'supply-construction': {'priority': 'Critical',
                         'summary': "Supplies a construction site with a good from a ship's cargo",
                         'client': 'action',
                         'apply': ['_state?.Apply(request.ShipSymbol, result);'],
                         'overload': [{'summary': "Supplies a construction site with a good from a ship's cargo "
                                                 '(<c>POST '
                                                 '/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction/supply</c>).',
                                      'params': SUPPLY_PARAM_DOCS,
                                      'signature': 'string systemSymbol, string waypointSymbol, string shipSymbol, '
                                                   'TradeSymbol tradeSymbol, int units, RequestPriority? priority = '
                                                   'null, CancellationToken cancellationToken = default',
                                      'call': 'systemSymbol, waypointSymbol, new SupplyConstructionRequest { '
                                              'ShipSymbol = shipSymbol, TradeSymbol = tradeSymbol, Units = units }'},
                                     {'summary': "Supplies a construction site with a good from a ship's cargo, "
                                                 "taking the system from the waypoint's symbol (<c>POST "
                                                 '/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction/supply</c>).',
                                      'params': SUPPLY_PARAM_DOCS,
                                      'signature': 'string waypointSymbol, string shipSymbol, TradeSymbol tradeSymbol, '
                                                   'int units, RequestPriority? priority = null, CancellationToken '
                                                   'cancellationToken = default',
                                      'call': 'Symbols.SystemOf(waypointSymbol), waypointSymbol, new '
                                              'SupplyConstructionRequest { ShipSymbol = shipSymbol, TradeSymbol = '
                                              'tradeSymbol, Units = units }'}]},
 'get-jump-gate': {'priority': 'Background',
                   'summary': 'Gets the jump gate at a waypoint and the gates it connects to',
                   'client': 'read',
                   'apply': ['_world?.Record(result);'],
                   'overload': {'summary': 'Gets the jump gate at a waypoint and the gates it connects to, taking the '
                                           "system from the waypoint's symbol (<c>GET "
                                           '/systems/{systemSymbol}/waypoints/{waypointSymbol}/jump-gate</c>).',
                                'signature': 'string waypointSymbol, RequestPriority? priority = null, '
                                             'CancellationToken cancellationToken = default',
                                'call': 'Symbols.SystemOf(waypointSymbol), waypointSymbol'}},
 'get-market': {'priority': 'Background',
                'summary': 'Gets the market at a waypoint; prices and recent transactions are included while one of '
                           "the agent's ships is there",
                'client': 'read',
                'apply': ['_state?.Apply(result);'],
                'overload': {'summary': 'Gets the market at a waypoint; prices and recent transactions are included '
                                        "while one of the agent's ships is there, taking the system from the "
                                        "waypoint's symbol (<c>GET "
                                        '/systems/{systemSymbol}/waypoints/{waypointSymbol}/market</c>).',
                             'signature': 'string waypointSymbol, RequestPriority? priority = null, CancellationToken '
                                          'cancellationToken = default',
                             'call': 'Symbols.SystemOf(waypointSymbol), waypointSymbol'}},
 'get-shipyard': {'priority': 'Background',
                  'summary': 'Gets the shipyard at a waypoint; ships for sale and recent transactions are included '
                             "while one of the agent's ships is there",
                  'client': 'read',
                  'apply': ['_world?.Record(result);'],
                  'overload': {'summary': 'Gets the shipyard at a waypoint; ships for sale and recent transactions are '
                                          "included while one of the agent's ships is there, taking the system from "
                                          "the waypoint's symbol (<c>GET "
                                          '/systems/{systemSymbol}/waypoints/{waypointSymbol}/shipyard</c>).',
                               'signature': 'string waypointSymbol, RequestPriority? priority = null, '
                                            'CancellationToken cancellationToken = default',
                               'call': 'Symbols.SystemOf(waypointSymbol), waypointSymbol'}}}
