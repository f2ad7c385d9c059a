import InteractionModel
/// The OpenAPI 3.1 document of the service, written by hand and served at `/openapi.yaml`.
/// `OpenAPIDocumentTests` keeps it true: its paths and methods must equal the router's.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: InteractionStore service (storectl serve)
  version: "1.0"
  description: >-
    The persistence service chat servers write to live, and the reads the supervisors' console
    and reporting use (SPEC section 6). Every read answers with the JSON that the matching
    storectl command prints with --format json, byte for byte (Accept text/csv gives its CSV).
    With a tokens file, every path but /healthz, /readyz and /metrics needs a bearer token.
servers:
  - url: http://127.0.0.1:8470
security:
  - bearer: []
tags:
  - name: events
  - name: interactions
  - name: reports
  - name: operations
  - name: console
paths:
  /v1/events:
    post:
      tags: [events]
      summary: Store an NDJSON event log (all or nothing, or partial).
      operationId: postEvents
      parameters:
        - name: mode
          in: query
          required: false
          schema: {type: string, enum: [atomic, partial]}
      requestBody:
        required: true
        content:
          application/x-ndjson:
            schema: {type: string}
      responses:
        "200":
          description: Every line stored or repeated (atomic), or the good events stored (partial).
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: "#/components/schemas/LogResult"
                  - $ref: "#/components/schemas/PartialLogResult"
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Problem"}
        "413": {$ref: "#/components/responses/Problem"}
        "415": {$ref: "#/components/responses/Problem"}
        "422": {$ref: "#/components/responses/Rejected"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/events/{id}:
    put:
      tags: [events]
      summary: Store one event whose id is the path's id.
      operationId: putEvent
      parameters:
        - $ref: "#/components/parameters/EventId"
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Event"}
      responses:
        "200": {description: The same event was already stored (a repeat)., content: {application/json: {schema: {$ref: "#/components/schemas/PutResult"}}}}
        "201": {description: Stored., content: {application/json: {schema: {$ref: "#/components/schemas/PutResult"}}}}
        "400": {$ref: "#/components/responses/Rejected"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Problem"}
        "409": {$ref: "#/components/responses/Rejected"}
        "413": {$ref: "#/components/responses/Problem"}
        "415": {$ref: "#/components/responses/Problem"}
        "422": {$ref: "#/components/responses/Rejected"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/interactions:
    get:
      tags: [interactions]
      summary: Interactions by start time, then id.
      operationId: listInteractions
      parameters:
        - $ref: "#/components/parameters/From"
        - $ref: "#/components/parameters/To"
        - {name: agent, in: query, required: false, schema: {type: string}}
        - $ref: "#/components/parameters/Limit"
        - {name: after, in: query, required: false, description: Continue after this interaction id., schema: {type: string}}
      responses:
        "200":
          description: A page of interactions; a Link header names the next page.
          headers: {Link: {$ref: "#/components/headers/Link"}}
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/InteractionListItem"}}
            text/csv: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /v1/interactions/{id}/transcript:
    get:
      tags: [interactions]
      summary: The transcript entries after a cursor (as storectl transcript).
      operationId: getTranscript
      parameters:
        - $ref: "#/components/parameters/InteractionId"
        - $ref: "#/components/parameters/As"
        - $ref: "#/components/parameters/After"
        - $ref: "#/components/parameters/Limit"
      responses:
        "200":
          description: The entries; a Link header names the next page when more follow.
          headers: {Link: {$ref: "#/components/headers/Link"}}
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/TimelineEntry"}}
            text/csv: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
        "422": {$ref: "#/components/responses/Problem"}
  /v1/interactions/{id}/audit:
    get:
      tags: [interactions]
      summary: The audit (as storectl audit); 200 also when the chain is broken.
      operationId: getAudit
      parameters:
        - $ref: "#/components/parameters/InteractionId"
      responses:
        "200":
          description: Interaction, timeline, requests, dispositions, linked interactions and the chain's verification.
          content:
            application/json: {schema: {$ref: "#/components/schemas/Audit"}}
            text/csv: {schema: {type: string}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
  /v1/interactions/{id}/stream:
    get:
      tags: [interactions]
      summary: Server-Sent Events of the transcript (backlog after the cursor, then live entries, then event end).
      operationId: streamTranscript
      parameters:
        - $ref: "#/components/parameters/InteractionId"
        - $ref: "#/components/parameters/As"
        - $ref: "#/components/parameters/After"
        - {name: Last-Event-ID, in: header, required: false, schema: {type: string, pattern: "^[0-9]+$"}}
      responses:
        "200":
          description: "id: SEQ, event: entry, data: the entry's JSON; a comment line at least every 15 s; event: end when the interaction has ended."
          content:
            text/event-stream: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
        "422": {$ref: "#/components/responses/Problem"}
  /v1/reports/conferences:
    get:
      tags: [reports]
      summary: One row per conference request, or the summary (as storectl report conferences).
      operationId: reportConferences
      parameters:
        - $ref: "#/components/parameters/From"
        - $ref: "#/components/parameters/To"
        - {name: agent, in: query, required: false, schema: {type: string}}
        - {name: summary, in: query, required: false, schema: {type: string, enum: ["true", "false"]}}
      responses:
        "200":
          description: The rows, or with summary=true one object.
          content:
            application/json:
              schema:
                oneOf:
                  - {type: array, items: {$ref: "#/components/schemas/ConferenceRow"}}
                  - $ref: "#/components/schemas/ConferenceSummary"
            text/csv: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /v1/reports/agents:
    get:
      tags: [reports]
      summary: Agent state time (as storectl report agents), or after-call work with acw=true.
      operationId: reportAgents
      parameters:
        - $ref: "#/components/parameters/From"
        - $ref: "#/components/parameters/To"
        - {name: by_reason, in: query, required: false, schema: {type: string, enum: ["true", "false"]}}
        - {name: acw, in: query, required: false, schema: {type: string, enum: ["true", "false"]}}
      responses:
        "200":
          description: The rows.
          content:
            application/json: {schema: {type: array, items: {type: object}}}
            text/csv: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /v1/reports/dispositions:
    get:
      tags: [reports]
      summary: Disposition codes that stand, counted (as storectl report dispositions).
      operationId: reportDispositions
      parameters:
        - $ref: "#/components/parameters/From"
        - $ref: "#/components/parameters/To"
      responses:
        "200":
          description: The rows.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [code, label, count]
                  properties: {code: {type: string}, label: {type: string}, count: {type: integer}}
            text/csv: {schema: {type: string}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /v1/agents:
    get:
      tags: [reports]
      summary: Each agent's current state per channel (as storectl agents).
      operationId: listAgents
      responses:
        "200":
          description: The rows.
          content:
            application/json: {schema: {type: array, items: {type: object}}}
            text/csv: {schema: {type: string}}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /v1/dispositions:
    get:
      tags: [reports]
      summary: The disposition catalog (as storectl dispositions list).
      operationId: listDispositions
      responses:
        "200":
          description: The rows.
          content:
            application/json: {schema: {type: array, items: {type: object}}}
            text/csv: {schema: {type: string}}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /healthz:
    get:
      tags: [operations]
      summary: 200 while the process runs.
      operationId: health
      security: []
      responses:
        "200": {description: Running., content: {application/json: {schema: {$ref: "#/components/schemas/Status"}}}}
  /readyz:
    get:
      tags: [operations]
      summary: 200 when the store is open, the write queue has room and the server is not stopping.
      operationId: ready
      security: []
      responses:
        "200": {description: Ready., content: {application/json: {schema: {$ref: "#/components/schemas/Status"}}}}
        "503": {$ref: "#/components/responses/Unavailable"}
  /metrics:
    get:
      tags: [operations]
      summary: Prometheus text exposition.
      operationId: metrics
      security: []
      responses:
        "200": {description: The series., content: {text/plain: {schema: {type: string}}}}
  /openapi.yaml:
    get:
      tags: [operations]
      summary: This document.
      operationId: openapi
      responses:
        "200": {description: OpenAPI 3.1., content: {application/yaml: {schema: {type: string}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /login:
    get:
      tags: [console]
      summary: The console's login form.
      operationId: loginForm
      security: []
      responses:
        "200": {description: The form., content: {text/html: {schema: {type: string}}}}
    post:
      tags: [console]
      summary: Log in with a token; a valid one sets the session cookie and redirects to /.
      operationId: login
      security: []
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [token]
              properties: {token: {type: string}}
      responses:
        "303": {description: Logged in (Set-Cookie) and sent to /.}
        "401": {description: Wrong token; the form again, no cookie., content: {text/html: {schema: {type: string}}}}
        "413": {$ref: "#/components/responses/Problem"}
        "415": {$ref: "#/components/responses/Problem"}
  /logout:
    get:
      tags: [console]
      summary: End the session (clears the cookie) and go to /login.
      operationId: logout
      security: []
      responses:
        "303": {description: Logged out.}
    post:
      tags: [console]
      summary: End the session (clears the cookie) and go to /login.
      operationId: logoutPost
      security: []
      responses:
        "303": {description: Logged out.}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  headers:
    Link:
      description: '<URL>; rel="next" when another page follows.'
      schema: {type: string}
  parameters:
    EventId: {name: id, in: path, required: true, schema: {type: string, minLength: 1}}
    InteractionId: {name: id, in: path, required: true, schema: {type: string, minLength: 1}}
    From: {name: from, in: query, required: false, description: "UTC time, e.g. 2026-11-24T09:00:00.250Z (inclusive).", schema: {type: string, pattern: '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$'}}
    To: {name: to, in: query, required: false, description: UTC time (exclusive)., schema: {type: string, pattern: '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$'}}
    As: {name: as, in: query, required: false, schema: {type: string, enum: [agent, contact]}}
    After: {name: after, in: query, required: false, description: Entries with seq above this., schema: {type: integer, minimum: 0}}
    Limit: {name: limit, in: query, required: false, schema: {type: integer, minimum: 1, maximum: 10000, default: 1000}}
  responses:
    Problem:
      description: An RFC 9457 problem.
      content:
        application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}
    Rejected:
      description: A problem listing the rejected lines in errors.
      content:
        application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}
    Unauthorized:
      description: No or an unknown token.
      headers:
        WWW-Authenticate: {schema: {type: string, const: Bearer}}
      content:
        application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}
    Unavailable:
      description: The write queue is full, the database is busy or the server is stopping; nothing was written.
      headers:
        Retry-After: {schema: {type: string}}
      content:
        application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}
  schemas:
    Problem:
      type: object
      required: [type, title, status, detail]
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
        errors:
          type: array
          items: {$ref: "#/components/schemas/RejectedLine"}
    RejectedLine:
      type: object
      required: [line, event_id, reason]
      properties:
        line: {type: integer, minimum: 1}
        event_id: {type: [string, "null"]}
        reason: {type: string}
    LogResult:
      type: object
      required: [lines, stored, repeats]
      properties:
        lines: {type: integer}
        stored: {type: integer}
        repeats: {type: integer}
    PartialLogResult:
      type: object
      required: [lines, stored, repeats, rejected]
      properties:
        lines: {type: integer}
        stored: {type: integer}
        repeats: {type: integer}
        rejected: {type: array, items: {$ref: "#/components/schemas/RejectedLine"}}
    PutResult:
      type: object
      required: [id, outcome]
      properties:
        id: {type: string}
        outcome: {type: string, enum: [stored, repeat]}
    Event:
      type: object
      description: One event of SPEC section 2 (id, type, at, and the fields of its type).
      required: [id, type, at]
      properties:
        id: {type: string}
        type: {type: string}
        at: {type: string}
    TimelineEntry:
      type: object
      required: [seq, time, kind, party, text, visibility, reason, by]
      properties:
        seq: {type: integer}
        time: {type: string}
        kind: {type: string, enum: [joined, left, removed, ownership, message]}
        party: {type: string}
        text: {type: [string, "null"]}
        visibility: {type: string, enum: [all, agents]}
        reason: {type: [string, "null"]}
        by: {type: [string, "null"]}
    InteractionListItem:
      type: object
      required: [id, kind, parent, contact, started_at, ended_at, owner, agents]
      properties:
        id: {type: string}
        kind: {type: string, enum: [chat, consultation]}
        parent: {type: [string, "null"]}
        contact: {type: [string, "null"]}
        started_at: {type: string}
        ended_at: {type: [string, "null"]}
        owner: {type: [string, "null"]}
        agents: {type: array, items: {type: string}}
    Audit:
      type: object
      required: [interaction, timeline, requests, dispositions, linked, chain]
      properties:
        interaction: {type: array, items: {type: object}}
        timeline: {type: array, items: {$ref: "#/components/schemas/TimelineEntry"}}
        requests: {type: array, items: {type: object}}
        dispositions: {type: array, items: {type: object}}
        linked: {type: array, items: {type: object}}
        chain:
          type: object
          required: [verified, entries, head, problems]
          properties:
            verified: {type: boolean}
            entries: {type: integer}
            head: {type: [string, "null"]}
            problems: {type: [string, "null"]}
    ConferenceRow:
      type: object
      required: [request, interaction, requested_at, from_agent, target_kind, target, mode, outcome, answered_at, wait_ms, joined_agent, left_at, duration_ms, end_reason, became_owner]
      properties:
        request: {type: string}
        interaction: {type: string}
        requested_at: {type: string}
        from_agent: {type: string}
        target_kind: {type: string}
        target: {type: string}
        mode: {type: string}
        outcome: {type: string, enum: [accepted, declined, timeout, cancelled, pending]}
        answered_at: {type: [string, "null"]}
        wait_ms: {type: [integer, "null"]}
        joined_agent: {type: [string, "null"]}
        left_at: {type: [string, "null"]}
        duration_ms: {type: [integer, "null"]}
        end_reason: {type: [string, "null"]}
        became_owner: {type: boolean}
    ConferenceSummary:
      type: object
      required: [requested, accepted, declined, timeout, cancelled, pending, accept_rate, median_wait_ms, auto_transfers, removed]
      properties:
        requested: {type: integer}
        accepted: {type: integer}
        declined: {type: integer}
        timeout: {type: integer}
        cancelled: {type: integer}
        pending: {type: integer}
        accept_rate: {type: [number, "null"]}
        median_wait_ms: {type: [integer, "null"]}
        auto_transfers: {type: integer}
        removed: {type: integer}
    Status:
      type: object
      required: [status]
      properties:
        status: {type: string}
"""#
}
