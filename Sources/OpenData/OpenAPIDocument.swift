/// The hand-written OpenAPI 3.1 document served at /api/v1/openapi.json: every path, parameter, schema and error
/// of the public reads, the token writes and the ministry's compliance answer. `OpenAPIDocumentTests` check that it
/// parses and matches the registered routes; `.ci/check-openapi.sh` that it is valid and that the running server
/// answers as it says.
enum OpenAPIDocument {
  static let text = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "brugerinformation.dk: kvalitetskontrakter og opfølgningsredegørelser",
        "version": "1.0.0",
        "summary": "Municipal quality contracts and yearly follow-up statements as open data, and the writes.",
        "description": "Public reads need no login and show only what is adopted and published. Writes and the compliance answer need an API token (`Authorization: Bearer TOKEN`). Dates are `YYYY-MM-DD`, numbers JSON numbers, text UTF-8. Errors are `application/problem+json` (RFC 9457) with a Danish `detail`. Every public 200 answer has `ETag` and `Last-Modified`; `If-None-Match` or `If-Modified-Since` is answered 304 while nothing has changed.",
        "license": { "name": "CC0 1.0", "identifier": "CC0-1.0" }
      },
      "servers": [{ "url": "/api/v1" }],
      "tags": [
        { "name": "municipalities", "description": "Municipalities and their published contracts" },
        { "name": "follow-ups", "description": "Published follow-up statements (opfølgningsredegørelser)" },
        { "name": "catalogue", "description": "Service areas, search and this document" },
        { "name": "writes", "description": "A municipality's own contract and follow-ups (municipal token)" },
        { "name": "ministry", "description": "National compliance (ministry token)" }
      ],
      "paths": {
        "/openapi.json": {
          "get": {
            "tags": ["catalogue"],
            "operationId": "getOpenAPIDocument",
            "summary": "This document",
            "responses": {
              "200": {
                "description": "The OpenAPI 3.1 document",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": { "application/json": { "schema": { "type": "object" } } }
              },
              "304": { "$ref": "#/components/responses/NotModified" }
            }
          }
        },
        "/municipalities": {
          "get": {
            "tags": ["municipalities"],
            "operationId": "listMunicipalities",
            "summary": "Every municipality, by name",
            "responses": {
              "200": {
                "description": "The 98 municipalities",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": {
                  "application/json": {
                    "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Municipality" } }
                  }
                }
              },
              "304": { "$ref": "#/components/responses/NotModified" }
            }
          }
        },
        "/municipalities/{code}": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }],
          "get": {
            "tags": ["municipalities"],
            "operationId": "getMunicipality",
            "summary": "A municipality and a summary of its version in force",
            "responses": {
              "200": {
                "description": "The municipality",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": {
                  "application/json": { "schema": { "$ref": "#/components/schemas/MunicipalityDetail" } }
                }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/municipalities/{code}/contract": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }],
          "get": {
            "tags": ["municipalities"],
            "operationId": "getContractInForce",
            "summary": "The contract version in force today, with its areas and goals",
            "responses": {
              "200": {
                "description": "The version in force",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Contract" } } }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/municipalities/{code}/contract/versions": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }],
          "get": {
            "tags": ["municipalities"],
            "operationId": "listContractVersions",
            "summary": "Every published version, oldest first",
            "responses": {
              "200": {
                "description": "The published versions",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": {
                  "application/json": {
                    "schema": { "type": "array", "items": { "$ref": "#/components/schemas/VersionSummary" } }
                  }
                }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/municipalities/{code}/contract/versions/{n}": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/Version" }],
          "get": {
            "tags": ["municipalities"],
            "operationId": "getContractVersion",
            "summary": "One published version, in full",
            "responses": {
              "200": {
                "description": "The version",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Contract" } } }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/municipalities/{code}/follow-ups": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }],
          "get": {
            "tags": ["follow-ups"],
            "operationId": "listFollowUps",
            "summary": "Every published follow-up, by budget year",
            "responses": {
              "200": {
                "description": "The published follow-ups",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": {
                  "application/json": {
                    "schema": { "type": "array", "items": { "$ref": "#/components/schemas/FollowUpSummary" } }
                  }
                }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/municipalities/{code}/follow-ups/{budgetYear}": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/BudgetYear" }],
          "get": {
            "tags": ["follow-ups"],
            "operationId": "getFollowUp",
            "summary": "One published follow-up with each goal's status",
            "responses": {
              "200": {
                "description": "The follow-up",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/FollowUp" } } }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          },
          "put": {
            "tags": ["writes"],
            "operationId": "putFollowUpStatuses",
            "summary": "Create the follow-up of a budget year when missing, and set the statuses of the goals given",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/FollowUpStatusesRequest" } }
              }
            },
            "responses": {
              "200": { "$ref": "#/components/responses/FollowUpRecord" },
              "201": { "$ref": "#/components/responses/FollowUpRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/contract/draft": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }],
          "get": {
            "tags": ["writes"],
            "operationId": "getDraft",
            "summary": "The municipality's draft version",
            "security": [{ "bearer": [] }],
            "responses": {
              "200": { "$ref": "#/components/responses/VersionRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          },
          "put": {
            "tags": ["writes"],
            "operationId": "putDraft",
            "summary": "Create the draft (from the version in force) when there is none, and replace its areas and goals",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DraftRequest" } } }
            },
            "responses": {
              "200": { "$ref": "#/components/responses/VersionRecord" },
              "201": { "$ref": "#/components/responses/VersionRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/contract/versions/{n}/recommendation": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/Version" }],
          "post": {
            "tags": ["writes"],
            "operationId": "recommendVersion",
            "summary": "Record a committee's recommendation of a version (it adopts nothing)",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/RecommendationRequest" } }
              }
            },
            "responses": {
              "201": { "$ref": "#/components/responses/VersionRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/contract/versions/{n}/adoption": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/Version" }],
          "post": {
            "tags": ["writes"],
            "operationId": "adoptVersion",
            "summary": "Record the council's adoption of a version (§2 must hold)",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/AdoptionRequest" } } }
            },
            "responses": {
              "200": { "$ref": "#/components/responses/VersionRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/contract/versions/{n}/publication": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/Version" }],
          "post": {
            "tags": ["writes"],
            "operationId": "publishVersion",
            "summary": "Publish an adopted version (§6: late publication is recorded, never refused)",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": false,
              "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/PublicationRequest" } }
              }
            },
            "responses": {
              "200": { "$ref": "#/components/responses/VersionRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/follow-ups/{budgetYear}/recommendation": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/BudgetYear" }],
          "post": {
            "tags": ["writes"],
            "operationId": "recommendFollowUp",
            "summary": "Record a committee's recommendation of a follow-up",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/RecommendationRequest" } }
              }
            },
            "responses": {
              "201": { "$ref": "#/components/responses/FollowUpRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/follow-ups/{budgetYear}/adoption": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/BudgetYear" }],
          "post": {
            "tags": ["writes"],
            "operationId": "adoptFollowUp",
            "summary": "Record the council's adoption of a follow-up (§5 must hold; late adoption is recorded)",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/AdoptionRequest" } } }
            },
            "responses": {
              "200": { "$ref": "#/components/responses/FollowUpRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/follow-ups/{budgetYear}/publication": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/BudgetYear" }],
          "post": {
            "tags": ["writes"],
            "operationId": "publishFollowUp",
            "summary": "Publish an adopted follow-up (§6: late publication is recorded, never refused)",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": false,
              "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/PublicationRequest" } }
              }
            },
            "responses": {
              "200": { "$ref": "#/components/responses/FollowUpRecord" },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/municipalities/{code}/budget-adoptions/{budgetYear}": {
          "parameters": [{ "$ref": "#/components/parameters/Code" }, { "$ref": "#/components/parameters/BudgetYear" }],
          "put": {
            "tags": ["writes"],
            "operationId": "putBudgetAdoption",
            "summary": "Set or remove the council's budget adoption date for a budget year (§4's due date)",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/BudgetAdoptionRequest" } }
              }
            },
            "responses": {
              "200": {
                "description": "The budget adoption as stored",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/BudgetAdoption" } } }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "405": { "$ref": "#/components/responses/MethodNotAllowed" },
              "422": { "$ref": "#/components/responses/RuleRefused" },
              "503": { "$ref": "#/components/responses/WriteUnavailable" }
            }
          }
        },
        "/service-areas": {
          "get": {
            "tags": ["catalogue"],
            "operationId": "listServiceAreas",
            "summary": "The national service areas and every municipality's own area in a version in force",
            "responses": {
              "200": {
                "description": "The service areas, by name",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": {
                  "application/json": {
                    "schema": { "type": "array", "items": { "$ref": "#/components/schemas/ServiceArea" } }
                  }
                }
              },
              "304": { "$ref": "#/components/responses/NotModified" }
            }
          }
        },
        "/search": {
          "get": {
            "tags": ["catalogue"],
            "operationId": "search",
            "summary": "Full-text search over the goals in force and the published statuses",
            "parameters": [
              {
                "name": "q",
                "in": "query",
                "required": true,
                "description": "Words; each is folded (case, æ/ae, accents) and matched as the start of a word; all must match. Without a word of two or more letters or digits: 400",
                "schema": { "type": "string", "minLength": 2, "pattern": "[0-9A-Za-zÆØÅæøå]{2}" },
                "example": "ældre"
              }
            ],
            "responses": {
              "200": {
                "description": "At most 200 hits, best first, grouped by municipality",
                "headers": {
                  "ETag": { "$ref": "#/components/headers/ETag" },
                  "Last-Modified": { "$ref": "#/components/headers/LastModified" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SearchResult" } } }
              },
              "304": { "$ref": "#/components/responses/NotModified" },
              "400": { "$ref": "#/components/responses/BadRequest" }
            }
          }
        },
        "/compliance": {
          "get": {
            "tags": ["ministry"],
            "operationId": "getCompliance",
            "summary": "The national compliance answer as of a date, per municipality and rule",
            "security": [{ "bearer": [] }],
            "parameters": [
              {
                "name": "asOf",
                "in": "query",
                "required": false,
                "description": "The date asked about; today when left out",
                "schema": { "type": "string", "format": "date" },
                "example": "2011-07-01"
              }
            ],
            "responses": {
              "200": {
                "description": "Every municipality's findings (never cached)",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Compliance" } } }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token (64 hex digits), made by a municipal administrator in the admin module or by `brugerinformation token create`; it acts with its owner's role and municipality"
          }
        },
        "parameters": {
          "Code": {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The official four-digit municipality code",
            "schema": { "type": "string", "pattern": "^[0-9]{4}$" },
            "example": "0169"
          },
          "Version": {
            "name": "n",
            "in": "path",
            "required": true,
            "description": "A contract version number",
            "schema": { "type": "integer", "minimum": 1 },
            "example": 1
          },
          "BudgetYear": {
            "name": "budgetYear",
            "in": "path",
            "required": true,
            "description": "A budget year",
            "schema": { "type": "integer", "minimum": 2000, "maximum": 2100 },
            "example": 2012
          }
        },
        "headers": {
          "ETag": {
            "description": "A strong validator of the body; send it back in If-None-Match",
            "schema": { "type": "string" }
          },
          "LastModified": {
            "description": "When the published data last changed; send it back in If-Modified-Since",
            "schema": { "type": "string" }
          },
          "Allow": {
            "description": "The methods the address has",
            "schema": { "type": "string" }
          },
          "WWWAuthenticate": {
            "description": "Bearer",
            "schema": { "type": "string" }
          }
        },
        "responses": {
          "NotModified": {
            "description": "Unchanged since the validator sent (If-None-Match or If-Modified-Since); no body"
          },
          "BadRequest": {
            "description": "The request cannot be read (a code that is not four digits, a missing query, a body that is not the JSON described, a date not YYYY-MM-DD)",
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "NotFound": {
            "description": "No such municipality, version or follow-up, or nothing published",
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "Unauthorized": {
            "description": "No token, an unknown or revoked token, or a deactivated owner; nothing changed",
            "headers": { "WWW-Authenticate": { "$ref": "#/components/headers/WWWAuthenticate" } },
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "Forbidden": {
            "description": "The token's owner may not do this (another municipality's data, or the wrong role); nothing changed",
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "MethodNotAllowed": {
            "description": "The address has no such method (`Allow` lists those it has), or it is not an address of this operation at all: a version number or budget year that is not a number",
            "headers": { "Allow": { "$ref": "#/components/headers/Allow" } },
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "RuleRefused": {
            "description": "A rule refuses the change; `detail` names it (\"§2: området Integration har ingen mål\"); nothing changed",
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "WriteUnavailable": {
            "description": "The database takes no writes now (disk full, read-only file, I/O error); `detail` says so in Danish, `reason` names the cause; nothing changed, reads still work",
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
          },
          "VersionRecord": {
            "description": "The contract version as stored",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/VersionRecord" } } }
          },
          "FollowUpRecord": {
            "description": "The follow-up as stored",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/FollowUpRecord" } } }
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details",
            "required": ["type", "title", "status", "detail"],
            "properties": {
              "type": { "type": "string", "const": "about:blank" },
              "title": { "type": "string", "description": "The status's reason phrase (English)" },
              "status": { "type": "integer", "minimum": 400, "maximum": 599 },
              "detail": { "type": "string", "description": "What went wrong, in Danish" },
              "rule": { "type": "string", "description": "422 only: the rule that refused (\"§2\")" },
              "reason": {
                "type": "string",
                "enum": ["disk full", "read-only", "I/O error", "cannot open"],
                "description": "503 only: why the database takes no writes"
              },
              "problems": {
                "type": "array",
                "description": "422 only: every problem found, in Danish",
                "items": { "type": "string" }
              }
            }
          },
          "Date": { "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
          "OptionalDate": {
            "oneOf": [{ "$ref": "#/components/schemas/Date" }, { "type": "null" }]
          },
          "MunicipalityCode": { "type": "string", "pattern": "^[0-9]{4}$" },
          "Measure": {
            "type": "object",
            "description": "A value at a date; a member is null when not given",
            "additionalProperties": false,
            "required": ["value", "date"],
            "properties": {
              "value": { "type": ["number", "null"] },
              "date": { "$ref": "#/components/schemas/OptionalDate" }
            }
          },
          "OptionalMeasure": {
            "description": "A value at a date, or null when neither is given",
            "oneOf": [{ "$ref": "#/components/schemas/Measure" }, { "type": "null" }]
          },
          "Direction": { "type": "string", "enum": ["higher", "lower"] },
          "Result": { "type": "string", "enum": ["reached", "partly", "not_reached"] },
          "Municipality": {
            "type": "object",
            "additionalProperties": false,
            "required": ["code", "name", "region", "slug"],
            "properties": {
              "code": { "$ref": "#/components/schemas/MunicipalityCode" },
              "name": { "type": "string" },
              "region": { "type": "string", "description": "The region's name" },
              "slug": {
                "type": "string",
                "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                "description": "From the name: lower case, æ ø å as ae oe aa, other runs as one dash"
              }
            }
          },
          "MunicipalityDetail": {
            "type": "object",
            "additionalProperties": false,
            "required": ["code", "name", "region", "slug", "contract", "publishedVersions", "followUps"],
            "properties": {
              "code": { "$ref": "#/components/schemas/MunicipalityCode" },
              "name": { "type": "string" },
              "region": { "type": "string" },
              "slug": { "type": "string" },
              "contract": {
                "description": "The version in force today; null when none is published",
                "oneOf": [{ "$ref": "#/components/schemas/VersionSummary" }, { "type": "null" }]
              },
              "publishedVersions": { "type": "integer", "minimum": 0 },
              "followUps": { "type": "array", "items": { "$ref": "#/components/schemas/FollowUpSummary" } }
            }
          },
          "VersionSummary": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "version", "changeNote", "adoptedOn", "meetingReference", "publishedOn", "publicationDeadline",
              "publishedLate", "inForce"
            ],
            "properties": {
              "version": { "type": "integer", "minimum": 1 },
              "changeNote": { "type": ["string", "null"] },
              "adoptedOn": { "$ref": "#/components/schemas/Date" },
              "meetingReference": { "type": ["string", "null"] },
              "publishedOn": { "$ref": "#/components/schemas/Date" },
              "publicationDeadline": {
                "description": "§6: one month after the council's adoption",
                "$ref": "#/components/schemas/Date"
              },
              "publishedLate": { "type": "boolean" },
              "inForce": { "type": "boolean", "description": "Whether this is the version in force today (§3)" }
            }
          },
          "Contract": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "municipalityCode", "version", "changeNote", "adoptedOn", "meetingReference", "publishedOn",
              "publicationDeadline", "publishedLate", "inForce", "areas"
            ],
            "properties": {
              "municipalityCode": { "$ref": "#/components/schemas/MunicipalityCode" },
              "version": { "type": "integer", "minimum": 1 },
              "changeNote": { "type": ["string", "null"] },
              "adoptedOn": { "$ref": "#/components/schemas/Date" },
              "meetingReference": { "type": ["string", "null"] },
              "publishedOn": { "$ref": "#/components/schemas/Date" },
              "publicationDeadline": { "$ref": "#/components/schemas/Date" },
              "publishedLate": { "type": "boolean" },
              "inForce": { "type": "boolean" },
              "areas": {
                "type": "array",
                "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": ["name", "goals"],
                  "properties": {
                    "name": { "type": "string" },
                    "goals": { "type": "array", "items": { "$ref": "#/components/schemas/Goal" } }
                  }
                }
              }
            }
          },
          "Goal": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "id", "lineage", "title", "theme", "goal", "indicator", "unit", "baseline", "target", "direction",
              "means", "adjustments", "latestStatus"
            ],
            "properties": {
              "id": { "type": "integer", "description": "The goal in this version" },
              "lineage": { "type": "integer", "description": "The same over versions when a goal is carried on" },
              "title": { "type": "string" },
              "theme": { "type": ["string", "null"] },
              "goal": { "type": "string" },
              "indicator": { "type": ["string", "null"] },
              "unit": { "type": ["string", "null"] },
              "baseline": { "$ref": "#/components/schemas/Measure" },
              "target": { "$ref": "#/components/schemas/Measure" },
              "direction": { "$ref": "#/components/schemas/Direction" },
              "means": { "type": "string", "description": "How the council means to reach the goal (§2, stk. 2)" },
              "adjustments": { "type": "array", "items": { "$ref": "#/components/schemas/Adjustment" } },
              "latestStatus": {
                "description": "The status in the latest published follow-up for the goal's lineage",
                "oneOf": [{ "$ref": "#/components/schemas/Status" }, { "type": "null" }]
              }
            }
          },
          "Adjustment": {
            "type": "object",
            "description": "A target adjustment (måljustering)",
            "additionalProperties": false,
            "required": ["adjustedOn", "oldTarget", "newTarget", "reason"],
            "properties": {
              "adjustedOn": { "$ref": "#/components/schemas/Date" },
              "oldTarget": { "$ref": "#/components/schemas/Measure" },
              "newTarget": { "$ref": "#/components/schemas/Measure" },
              "reason": { "type": "string" }
            }
          },
          "Status": {
            "type": "object",
            "description": "A goal's status in a published follow-up (§5)",
            "additionalProperties": false,
            "required": ["budgetYear", "result", "statusText", "measured", "followUpText"],
            "properties": {
              "budgetYear": { "type": "integer" },
              "result": { "$ref": "#/components/schemas/Result" },
              "statusText": { "type": "string" },
              "measured": { "$ref": "#/components/schemas/Measure" },
              "followUpText": { "type": "string", "description": "§5, stk. 2; empty when none was given" }
            }
          },
          "FollowUpSummary": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "budgetYear", "dueOn", "adoptedOn", "meetingReference", "adoptedLate", "publicationDeadline",
              "publishedOn", "publishedLate"
            ],
            "properties": {
              "budgetYear": { "type": "integer" },
              "dueOn": { "description": "§4's due date", "$ref": "#/components/schemas/Date" },
              "adoptedOn": { "$ref": "#/components/schemas/Date" },
              "meetingReference": { "type": ["string", "null"] },
              "adoptedLate": { "type": "boolean" },
              "publicationDeadline": { "$ref": "#/components/schemas/Date" },
              "publishedOn": { "$ref": "#/components/schemas/Date" },
              "publishedLate": { "type": "boolean" }
            }
          },
          "FollowUp": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "municipalityCode", "budgetYear", "dueOn", "adoptedOn", "meetingReference", "adoptedLate",
              "publicationDeadline", "publishedOn", "publishedLate", "areas"
            ],
            "properties": {
              "municipalityCode": { "$ref": "#/components/schemas/MunicipalityCode" },
              "budgetYear": { "type": "integer" },
              "dueOn": { "$ref": "#/components/schemas/Date" },
              "adoptedOn": { "$ref": "#/components/schemas/Date" },
              "meetingReference": { "type": ["string", "null"] },
              "adoptedLate": { "type": "boolean" },
              "publicationDeadline": { "$ref": "#/components/schemas/Date" },
              "publishedOn": { "$ref": "#/components/schemas/Date" },
              "publishedLate": { "type": "boolean" },
              "areas": {
                "type": "array",
                "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": ["name", "goals"],
                  "properties": {
                    "name": { "type": "string" },
                    "goals": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["id", "lineage", "title", "goal", "unit", "target", "status"],
                        "properties": {
                          "id": { "type": "integer" },
                          "lineage": { "type": "integer" },
                          "title": { "type": "string" },
                          "goal": { "type": "string" },
                          "unit": { "type": ["string", "null"] },
                          "target": { "$ref": "#/components/schemas/Measure" },
                          "status": { "$ref": "#/components/schemas/Status" }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "ServiceArea": {
            "type": "object",
            "additionalProperties": false,
            "required": ["id", "name", "national", "municipalities"],
            "properties": {
              "id": { "type": "integer" },
              "name": { "type": "string" },
              "national": { "type": "boolean", "description": "On the national list, or a municipality's own" },
              "municipalities": {
                "type": "integer",
                "minimum": 0,
                "description": "How many municipalities' versions in force have the area"
              }
            }
          },
          "SearchResult": {
            "type": "object",
            "additionalProperties": false,
            "required": ["query", "terms", "results"],
            "properties": {
              "query": { "type": "string" },
              "terms": { "type": "array", "items": { "type": "string" }, "description": "The folded words" },
              "results": {
                "type": "array",
                "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": ["municipality", "hits"],
                  "properties": {
                    "municipality": {
                      "type": "object",
                      "additionalProperties": false,
                      "required": ["code", "name"],
                      "properties": {
                        "code": { "$ref": "#/components/schemas/MunicipalityCode" },
                        "name": { "type": "string" }
                      }
                    },
                    "hits": { "type": "array", "items": { "$ref": "#/components/schemas/SearchHit" } }
                  }
                }
              }
            }
          },
          "SearchHit": {
            "type": "object",
            "additionalProperties": false,
            "required": ["kind", "goalId", "lineage", "title", "area", "budgetYear", "matches"],
            "properties": {
              "kind": { "type": "string", "enum": ["goal", "status"] },
              "goalId": { "type": "integer", "description": "The goal in the version in force" },
              "lineage": { "type": "integer" },
              "title": { "type": "string" },
              "area": { "type": "string" },
              "budgetYear": { "type": ["integer", "null"], "description": "For a status hit: its follow-up's year" },
              "matches": {
                "type": "array",
                "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": ["field", "text"],
                  "properties": {
                    "field": { "type": "string", "enum": ["title", "theme", "goal", "means", "status", "followUp"] },
                    "text": { "type": "string" }
                  }
                }
              }
            }
          },
          "GoalInput": {
            "type": "object",
            "description": "A goal; `id`, `adjustments` and `latestStatus` (the public answer's read-only members) are ignored, so a contract read from the public API can be sent back",
            "additionalProperties": false,
            "required": ["title", "goal", "indicator", "unit", "baseline", "target", "direction", "means"],
            "properties": {
              "title": { "type": "string" },
              "theme": { "type": "string" },
              "goal": { "type": "string" },
              "indicator": { "type": "string" },
              "unit": { "type": "string" },
              "baseline": { "$ref": "#/components/schemas/MeasureInput" },
              "target": { "$ref": "#/components/schemas/MeasureInput" },
              "direction": { "$ref": "#/components/schemas/Direction" },
              "means": { "type": "string" },
              "id": { "readOnly": true },
              "adjustments": { "readOnly": true },
              "latestStatus": { "readOnly": true }
            }
          },
          "MeasureInput": {
            "type": "object",
            "additionalProperties": false,
            "required": ["value", "date"],
            "properties": {
              "value": { "type": "number" },
              "date": { "$ref": "#/components/schemas/Date" }
            }
          },
          "DraftRequest": {
            "type": "object",
            "additionalProperties": false,
            "description": "The draft's areas and goals, in order (the public contract's shape)",
            "required": ["areas"],
            "properties": {
              "changeNote": { "type": "string" },
              "areas": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["name", "goals"],
                  "properties": {
                    "name": { "type": "string" },
                    "goals": { "type": "array", "items": { "$ref": "#/components/schemas/GoalInput" } }
                  }
                }
              }
            }
          },
          "RecommendationRequest": {
            "type": "object",
            "additionalProperties": false,
            "required": ["committee", "recommendedOn"],
            "properties": {
              "committee": { "type": "string", "example": "Økonomiudvalget" },
              "recommendedOn": { "$ref": "#/components/schemas/Date" },
              "note": { "type": "string" }
            }
          },
          "AdoptionRequest": {
            "type": "object",
            "additionalProperties": false,
            "required": ["adoptedOn", "meetingReference"],
            "properties": {
              "adoptedOn": { "$ref": "#/components/schemas/Date" },
              "meetingReference": { "type": "string", "example": "Byrådsmøde 31.1.2011, pkt. 4" }
            }
          },
          "PublicationRequest": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "publishedOn": { "description": "Today when left out", "$ref": "#/components/schemas/Date" }
            }
          },
          "FollowUpStatusesRequest": {
            "type": "object",
            "additionalProperties": false,
            "required": ["statuses"],
            "properties": {
              "statuses": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["goalId", "statusText", "result"],
                  "properties": {
                    "goalId": { "type": "integer", "description": "A goal id of the version in force" },
                    "statusText": { "type": "string" },
                    "measured": { "$ref": "#/components/schemas/MeasureInput" },
                    "result": { "$ref": "#/components/schemas/Result" },
                    "followUpText": { "type": "string" }
                  }
                }
              }
            }
          },
          "BudgetAdoptionRequest": {
            "type": "object",
            "additionalProperties": false,
            "required": ["adoptedOn"],
            "properties": {
              "adoptedOn": {
                "description": "null removes it (the rule calendar's default applies)",
                "$ref": "#/components/schemas/OptionalDate"
              }
            }
          },
          "BudgetAdoption": {
            "type": "object",
            "additionalProperties": false,
            "required": ["municipality", "budgetYear", "adoptedOn"],
            "properties": {
              "municipality": { "$ref": "#/components/schemas/MunicipalityCode" },
              "budgetYear": { "type": "integer" },
              "adoptedOn": { "$ref": "#/components/schemas/OptionalDate" }
            }
          },
          "Recommendation": {
            "type": "object",
            "additionalProperties": false,
            "required": ["committee", "recommendedOn", "note"],
            "properties": {
              "committee": { "type": "string" },
              "recommendedOn": { "$ref": "#/components/schemas/Date" },
              "note": { "type": "string", "description": "Empty when none was given" }
            }
          },
          "Stage": { "type": "string", "enum": ["draft", "adopted", "published"] },
          "VersionRecord": {
            "type": "object",
            "description": "A contract version as the write API stores it",
            "additionalProperties": false,
            "required": [
              "municipality", "version", "status", "changeNote", "adoptedOn", "meetingReference", "publishedOn",
              "publicationDeadline", "publishedLate", "recommendations", "problems", "areas"
            ],
            "properties": {
              "municipality": { "$ref": "#/components/schemas/MunicipalityCode" },
              "version": { "type": "integer" },
              "status": { "$ref": "#/components/schemas/Stage" },
              "changeNote": { "type": "string" },
              "adoptedOn": { "$ref": "#/components/schemas/OptionalDate" },
              "meetingReference": { "type": ["string", "null"] },
              "publishedOn": { "$ref": "#/components/schemas/OptionalDate" },
              "publicationDeadline": { "$ref": "#/components/schemas/OptionalDate" },
              "publishedLate": { "type": ["boolean", "null"] },
              "recommendations": { "type": "array", "items": { "$ref": "#/components/schemas/Recommendation" } },
              "problems": {
                "type": "array",
                "items": { "type": "string" },
                "description": "What §2 still misses; empty when the version can be adopted"
              },
              "areas": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["name", "goals"],
                  "properties": {
                    "name": { "type": "string" },
                    "goals": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "id", "title", "theme", "goal", "indicator", "unit", "baseline", "target", "direction", "means"
                        ],
                        "properties": {
                          "id": { "type": "integer" },
                          "title": { "type": "string" },
                          "theme": { "type": "string" },
                          "goal": { "type": "string" },
                          "indicator": { "type": ["string", "null"] },
                          "unit": { "type": ["string", "null"] },
                          "baseline": { "$ref": "#/components/schemas/OptionalMeasure" },
                          "target": { "$ref": "#/components/schemas/OptionalMeasure" },
                          "direction": { "$ref": "#/components/schemas/Direction" },
                          "means": { "type": "string" }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "FollowUpRecord": {
            "type": "object",
            "description": "A follow-up as the write API stores it",
            "additionalProperties": false,
            "required": [
              "municipality", "budgetYear", "status", "dueOn", "adoptedOn", "meetingReference", "adoptedLate",
              "publishedOn", "publicationDeadline", "publishedLate", "recommendations", "statuses"
            ],
            "properties": {
              "municipality": { "$ref": "#/components/schemas/MunicipalityCode" },
              "budgetYear": { "type": "integer" },
              "status": { "$ref": "#/components/schemas/Stage" },
              "dueOn": { "$ref": "#/components/schemas/Date" },
              "adoptedOn": { "$ref": "#/components/schemas/OptionalDate" },
              "meetingReference": { "type": ["string", "null"] },
              "adoptedLate": { "type": ["boolean", "null"] },
              "publishedOn": { "$ref": "#/components/schemas/OptionalDate" },
              "publicationDeadline": { "$ref": "#/components/schemas/OptionalDate" },
              "publishedLate": { "type": ["boolean", "null"] },
              "recommendations": { "type": "array", "items": { "$ref": "#/components/schemas/Recommendation" } },
              "statuses": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["goalId", "statusText", "measured", "result", "followUpText"],
                  "properties": {
                    "goalId": { "type": "integer" },
                    "statusText": { "type": "string" },
                    "measured": { "$ref": "#/components/schemas/OptionalMeasure" },
                    "result": { "$ref": "#/components/schemas/Result" },
                    "followUpText": { "type": "string" }
                  }
                }
              }
            }
          },
          "Compliance": {
            "type": "object",
            "additionalProperties": false,
            "required": ["asOf", "municipalities"],
            "properties": {
              "asOf": { "$ref": "#/components/schemas/Date" },
              "municipalities": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["code", "name", "findings"],
                  "properties": {
                    "code": { "$ref": "#/components/schemas/MunicipalityCode" },
                    "name": { "type": "string" },
                    "findings": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": ["rule", "section", "budgetYear", "outcome", "due", "actual"],
                        "properties": {
                          "rule": {
                            "type": "string",
                            "enum": [
                              "contract_in_force", "first_contract", "contract_complete", "contract_published_on_time",
                              "follow_up_adopted_on_time", "follow_up_complete", "follow_up_published_on_time"
                            ]
                          },
                          "section": { "type": "string", "example": "§3" },
                          "budgetYear": { "type": ["integer", "null"] },
                          "outcome": { "type": "string", "enum": ["met", "failed", "not_yet_due", "not_applicable"] },
                          "due": { "$ref": "#/components/schemas/OptionalDate" },
                          "actual": { "$ref": "#/components/schemas/OptionalDate" }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    """#
}
