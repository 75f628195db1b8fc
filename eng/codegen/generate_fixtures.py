#!/usr/bin/env python3
"""Writes a realistic response body for every operation of the live spec to tests/SpaceTraders.Sdk.Tests/Fixtures.

Usage (from the repository root):

    python3 eng/codegen/generate_fixtures.py [path/to/SpaceTraders.live-v2.3.0.json]

Each fixture is built from the operation's success-response schema: every property (required and optional)
is present, enums take a real value, symbols look like the game's (BADGER-1, X1-DF55-A1, IRON_ORE), numbers
are plausible, and lists hold two items. The SDK's tests serve them from WireMock and spot-check values, so
changing a sample value here means updating the test that checks it.
"""

from __future__ import annotations

import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SPEC = os.path.join(ROOT, "docs", "api", "live-spec", "SpaceTraders.live-v2.3.0.json")
OUT_DIR = os.path.join(ROOT, "tests", "SpaceTraders.Sdk.Tests", "Fixtures")

# Sample values by (schema or owner, property), then by property name alone.
BY_OWNER = {
    ("Ship", "symbol"): "BADGER-1",
    ("ScannedShip", "symbol"): "RIVAL-3",
    ("Agent", "symbol"): "BADGER",
    ("PublicAgent", "symbol"): "BADGER",
    ("Agent", "accountId"): "cl0hok34m0003ks0jjql5q8f2",
    ("System", "symbol"): "X1-DF55",
    ("ScannedSystem", "symbol"): "X1-KK12",
    ("Market", "symbol"): "X1-DF55-A1",
    ("Shipyard", "symbol"): "X1-DF55-A1",
    ("Construction", "symbol"): "X1-DF55-I52",
    ("JumpGate", "symbol"): "X1-DF55-I52",
    ("Survey", "symbol"): "X1-DF55-B7",
    ("Survey", "signature"): "X1-DF55-B7-BD8B6B",
    ("Contract", "id"): "clhk6yf7r00f3s60chfr3rwaz",
    ("Faction", "name"): "Cosmic Engineers",
    ("Faction", "headquarters"): "X1-DF55-A1",
    ("ShipRegistration", "name"): "BADGER-1",
    ("ShipRegistration", "factionSymbol"): "COSMIC",
    ("ShipNav", "waypointSymbol"): "X1-DF55-A1",
    ("ShipNavRouteWaypoint", "symbol"): "X1-DF55-A1",
    ("Waypoint", "symbol"): "X1-DF55-A1",
    ("SystemWaypoint", "symbol"): "X1-DF55-A1",
    ("ScannedWaypoint", "symbol"): "X1-DF55-B7",
    ("WaypointOrbital", "symbol"): "X1-DF55-A2",
    ("ContractDeliverGood", "destinationSymbol"): "X1-DF55-A1",
    ("ContractDeliverGood", "tradeSymbol"): "IRON_ORE",
    ("MarketTransaction", "tradeSymbol"): "IRON_ORE",
    ("ShipModificationTransaction", "tradeSymbol"): "MOUNT_MINING_LASER_II",
    ("ShipyardTransaction", "shipSymbol"): "SHIP_MINING_DRONE",
    ("ShipyardTransaction", "shipType"): "SHIP_MINING_DRONE",
    ("ShipyardTransaction", "agentSymbol"): "BADGER",
    ("AgentEvent", "type"): "SHIP_ARRIVED",
    ("AgentEvent", "message"): "BADGER-1 arrived at X1-DF55-A1.",
    ("AgentEvent", "id"): "evt-0001",
    ("Chart", "submittedBy"): "BADGER",
    ("Account", "email"): "badger@example.com",
    ("Account", "id"): "cl0hok34m0003ks0jjql5q8f2",
    ("Account", "token"): "account-token-redacted",
    ("register", "token"): "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.new-agent",
    ("get-status", "status"): "SpaceTraders is currently online and available to play",
    ("get-status", "version"): "v2.3.0",
    ("get-status", "resetDate"): "2025-06-08",
    ("get-status", "description"): "SpaceTraders is a headless game: you play it through its API.",
    ("serverResets", "next"): "2025-06-15T13:00:00.000Z",
    ("serverResets", "frequency"): "weekly",
    ("health", "lastMarketUpdate"): "2025-06-10T12:00:00.000Z",
    ("announcements", "title"): "Server reset",
    ("announcements", "body"): "The next reset is on Sunday.",
    ("links", "name"): "Website",
    ("links", "url"): "https://spacetraders.io/",
    ("mostCredits", "agentSymbol"): "WHALE",
    ("mostSubmittedCharts", "agentSymbol"): "EXPLORER",
    ("errorCodes", "name"): "cooldownConflictError",
    ("get-my-factions", "symbol"): "COSMIC",
    ("ShipFuel", "capacity"): 400,
    ("ShipFuel", "current"): 362,
    ("ShipCrew", "current"): 57,
    ("ShipCrew", "required"): 57,
    ("ShipCrew", "capacity"): 80,
    ("ShipCargo", "units"): 20,
}

BY_NAME_STRING = {
    "symbol": "BADGER-1",
    "shipSymbol": "BADGER-1",
    "waypointSymbol": "X1-DF55-A1",
    "systemSymbol": "X1-DF55",
    "sectorSymbol": "X1",
    "constellation": "Draco",
    "name": "Sample name",
    "description": "A sample description.",
    "headquarters": "X1-DF55-A1",
    "startingFaction": "COSMIC",
    "factionSymbol": "COSMIC",
    "orbits": "X1-DF55-A1",
    "tradeSymbol": "IRON_ORE",
    "destinationSymbol": "X1-DF55-A1",
    "agentSymbol": "BADGER",
    "requestId": "req-1",
    "id": "id-1",
    "email": "badger@example.com",
    "token": "token",
    "connections": "X1-KK12-I61",
}

BY_NAME_INT = {
    "credits": 175000,
    "shipCount": 2,
    "x": 12,
    "y": -40,
    "total": 2,
    "page": 1,
    "limit": 10,
    "units": 10,
    "capacity": 40,
    "current": 380,
    "required": 4,
    "fulfilled": 1,
    "morale": 100,
    "wages": 0,
    "totalSeconds": 70,
    "remainingSeconds": 69,
    "tradeVolume": 60,
    "purchasePrice": 52,
    "sellPrice": 48,
    "pricePerUnit": 52,
    "totalPrice": 520,
    "price": 26500,
    "modificationsFee": 2000,
    "moduleSlots": 3,
    "mountingPoints": 2,
    "fuelCapacity": 400,
    "powerOutput": 31,
    "speed": 30,
    "power": 1,
    "crew": 0,
    "slots": 1,
    "strength": 10,
    "range": 0,
    "onAccepted": 20000,
    "onFulfilled": 80000,
    "unitsRequired": 60,
    "unitsFulfilled": 10,
    "amount": 38,
    "distance": 451,
    "reputation": 37,
    "code": 4000,
    "chartCount": 151,
    "accounts": 41000,
    "agents": 3500,
    "ships": 21000,
    "systems": 8500,
    "waypoints": 170000,
}

DATES = {
    "arrival": "2025-06-10T12:05:42.000Z",
    "departureTime": "2025-06-10T12:00:00.000Z",
    "expiration": "2025-06-10T13:10:00.000Z",
    "deadline": "2025-06-17T12:00:00.000Z",
    "deadlineToAccept": "2025-06-11T12:00:00.000Z",
    "timestamp": "2025-06-10T12:00:00.000Z",
    "submittedOn": "2025-06-09T08:30:00.000Z",
    "createdAt": "2025-06-08T14:15:22.000Z",
}

ENUM_CHOICE = {
    "ShipNavStatus": "IN_TRANSIT",
    "ShipNavFlightMode": "CRUISE",
    "TradeSymbol": "IRON_ORE",
    "WaypointType": "PLANET",
    "SupplyLevel": "MODERATE",
    "ActivityLevel": "GROWING",
    "ShipType": "SHIP_MINING_DRONE",
    "ShipRole": "COMMAND",
    "FactionSymbol": "COSMIC",
    "SystemType": "RED_STAR",
    "SurveySize": "MODERATE",
    "WaypointTraitSymbol": "MARKETPLACE",
    "WaypointModifierSymbol": "CRITICAL_LIMIT",
}


class Builder:
    def __init__(self, spec):
        self.schemas = spec["components"]["schemas"]

    def value(self, schema, owner, prop, depth=0):
        if "allOf" in schema:
            return self.value(schema["allOf"][0], owner, prop, depth)
        if "anyOf" in schema:
            return self.value(schema["anyOf"][0], owner, prop, depth)
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            target = self.schemas[name]
            if "enum" in target:
                return ENUM_CHOICE.get(name, target["enum"][0])
            if target.get("type") in ("string", "number", "integer"):
                return self.value(target, owner, prop, depth)
            return self.obj(target, name, depth + 1)
        t = schema.get("type")
        if "enum" in schema:
            return schema["enum"][0]
        if t == "string":
            if schema.get("format") == "date-time":
                return DATES.get(prop, "2025-06-10T12:00:00.000Z")
            if (owner, prop) in BY_OWNER:
                return BY_OWNER[(owner, prop)]
            return BY_NAME_STRING.get(prop, f"sample-{prop}")
        if t == "integer":
            return BY_OWNER.get((owner, prop), BY_NAME_INT.get(prop, 7))
        if t == "number":
            if prop in ("condition", "integrity"):
                return 0.95
            if prop == "quality":
                return 4
            if prop == "code":
                return 4000
            return 1.5
        if t == "boolean":
            return prop in ("isRecruiting", "accepted", "isComplete")
        if t == "array":
            items = schema["items"]
            return [self.value(items, owner, prop, depth + 1) for _ in range(2)]
        if t == "object" or "properties" in schema:
            if "properties" not in schema and "additionalProperties" in schema:
                return {"FAB_MATS": ["IRON", "QUARTZ_SAND"], "FUEL": ["HYDROCARBON"]}
            # The payload under "data" keeps the operation as its owner, so BY_OWNER can name its values.
            return self.obj(schema, owner if prop == "data" else prop, depth + 1)
        if not schema:
            return {"shipSymbol": "BADGER-1", "waypointSymbol": "X1-DF55-A1"}
        raise ValueError(f"unsupported {owner}.{prop}: {schema}")

    def obj(self, schema, owner, depth):
        result = {}
        for prop, sub in schema.get("properties", {}).items():
            if owner == "ShipNavRoute" and prop == "origin":
                result[prop] = {"symbol": "X1-DF55-B7", "type": "ASTEROID", "systemSymbol": "X1-DF55", "x": -5, "y": 3}
                continue
            if owner == "ShipNavRoute" and prop == "destination":
                result[prop] = {"symbol": "X1-DF55-A1", "type": "PLANET", "systemSymbol": "X1-DF55", "x": 12, "y": -40}
                continue
            result[prop] = self.value(sub, owner, prop, depth)
        return result


def main() -> int:
    spec_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SPEC
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    builder = Builder(spec)
    os.makedirs(OUT_DIR, exist_ok=True)
    count = 0
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            op_id = op["operationId"]
            if op_id == "websocket-departure-events":
                continue
            for code, response in op["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if not schema or "properties" not in schema:
                    continue
                body = builder.obj(schema, op_id, 0)
                with open(os.path.join(OUT_DIR, op_id + ".json"), "w", encoding="utf-8") as f:
                    json.dump(body, f, indent=2)
                    f.write("\n")
                count += 1
    print(f"{count} fixtures written to {os.path.relpath(OUT_DIR, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
