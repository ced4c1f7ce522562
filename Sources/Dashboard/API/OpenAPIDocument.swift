/// The OpenAPI 3 description of /api/v1, written by hand and served at /api/v1/openapi.json. A
/// test checks that every route in `APIRoutes.routes` is in it and that it parses as JSON.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.0.3",
          "info": {
            "title": "authshift dashboard API",
            "version": "1",
            "description": "The workspace's senders, status and audit trail, and sender edits. Each call needs the session cookie.",
            "x-writes": "A PATCH also needs X-CSRF-Token (from GET /api/v1/session), an Origin naming this server, and an Editor."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
          "components": {
            "securitySchemes": {
              "session": {
                "type": "apiKey",
                "in": "cookie",
                "name": "authshift_session"
              }
            },
            "schemas": {
              "Error": {
                "type": "object",
                "properties": {
                  "error": {
                    "type": "string"
                  }
                },
                "required": [
                  "error"
                ]
              },
              "Session": {
                "type": "object",
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "role": {
                    "type": "string",
                    "enum": [
                      "viewer",
                      "editor"
                    ]
                  },
                  "csrfToken": {
                    "type": "string"
                  }
                },
                "required": [
                  "name",
                  "role",
                  "csrfToken"
                ]
              },
              "SenderSummary": {
                "type": "object",
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "tenant": {
                    "type": "string"
                  },
                  "sender": {
                    "type": "string"
                  },
                  "system": {
                    "type": "string"
                  },
                  "state": {
                    "type": "string"
                  },
                  "stateSince": {
                    "type": "string"
                  },
                  "owner": {
                    "type": "string",
                    "nullable": true
                  },
                  "path": {
                    "type": "string",
                    "nullable": true
                  },
                  "recommendedPath": {
                    "type": "string"
                  },
                  "cutoverDate": {
                    "type": "string",
                    "nullable": true
                  },
                  "ticket": {
                    "type": "string",
                    "nullable": true
                  },
                  "note": {
                    "type": "string",
                    "nullable": true
                  },
                  "ring": {
                    "type": "string",
                    "nullable": true
                  },
                  "currentAuth": {
                    "type": "string"
                  },
                  "basic": {
                    "type": "boolean"
                  },
                  "breaksAtDefaultChange": {
                    "type": "boolean"
                  },
                  "lastSeenRun": {
                    "type": "integer"
                  },
                  "lastSeenAsOf": {
                    "type": "string"
                  }
                }
              },
              "SenderPage": {
                "type": "object",
                "properties": {
                  "total": {
                    "type": "integer"
                  },
                  "offset": {
                    "type": "integer"
                  },
                  "rows": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/SenderSummary"
                    }
                  }
                }
              },
              "AuditEntry": {
                "type": "object",
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "tenant": {
                    "type": "string"
                  },
                  "sender": {
                    "type": "string"
                  },
                  "system": {
                    "type": "string"
                  },
                  "at": {
                    "type": "string"
                  },
                  "by": {
                    "type": "string"
                  },
                  "origin": {
                    "type": "string"
                  },
                  "field": {
                    "type": "string"
                  },
                  "oldValue": {
                    "type": "string",
                    "nullable": true
                  },
                  "newValue": {
                    "type": "string",
                    "nullable": true
                  }
                }
              },
              "SenderEdit": {
                "type": "object",
                "properties": {
                  "address": {
                    "type": "string"
                  },
                  "system": {
                    "type": "string"
                  },
                  "tenant": {
                    "type": "string"
                  },
                  "owner": {
                    "type": "string",
                    "nullable": true
                  },
                  "path": {
                    "type": "string",
                    "nullable": true
                  },
                  "cutoverDate": {
                    "type": "string",
                    "nullable": true,
                    "description": "YYYY-MM-DD"
                  },
                  "ticket": {
                    "type": "string",
                    "nullable": true
                  },
                  "note": {
                    "type": "string",
                    "nullable": true
                  },
                  "state": {
                    "type": "string"
                  }
                },
                "required": [
                  "address"
                ]
              }
            },
            "parameters": {
              "tenant": {
                "name": "tenant",
                "in": "query",
                "schema": {
                  "type": "string"
                }
              },
              "address": {
                "name": "address",
                "in": "query",
                "required": true,
                "schema": {
                  "type": "string"
                }
              },
              "system": {
                "name": "system",
                "in": "query",
                "schema": {
                  "type": "string"
                }
              }
            },
            "responses": {
              "Error": {
                "description": "Refused or failed",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          },
          "security": [
            {
              "session": []
            }
          ],
          "paths": {
            "/api/v1/session": {
              "get": {
                "summary": "Who is signed in, their role and the CSRF token for writes",
                "responses": {
                  "200": {
                    "description": "The session",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Session"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/v1/status": {
              "get": {
                "summary": "Where the migration stands, per tenant and across all",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/tenant"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "WorkspaceStatus",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/v1/senders": {
              "get": {
                "summary": "A filtered, sorted page of the sender register",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/tenant"
                  },
                  {
                    "name": "state",
                    "in": "query",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "path",
                    "in": "query",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "owner",
                    "in": "query",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "ring",
                    "in": "query",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "basic",
                    "in": "query",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "yes",
                        "no"
                      ]
                    }
                  },
                  {
                    "name": "q",
                    "in": "query",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "sort",
                    "in": "query",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "sender",
                        "state",
                        "owner",
                        "path",
                        "cutover",
                        "last-seen"
                      ]
                    }
                  },
                  {
                    "name": "order",
                    "in": "query",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "asc",
                        "desc"
                      ]
                    }
                  },
                  {
                    "name": "offset",
                    "in": "query",
                    "schema": {
                      "type": "integer",
                      "minimum": 0
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "SenderPage",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/SenderPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "401": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/v1/sender": {
              "get": {
                "summary": "One sender with evidence, recommendation, runs and changes",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/address"
                  },
                  {
                    "$ref": "#/components/parameters/system"
                  },
                  {
                    "$ref": "#/components/parameters/tenant"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "SenderDetail",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "401": {
                    "$ref": "#/components/responses/Error"
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              },
              "patch": {
                "summary": "Set a sender's owner, path, cutover date, ticket, note or state (Editor only); each change is an audit row",
                "parameters": [
                  {
                    "name": "X-CSRF-Token",
                    "in": "header",
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "Origin",
                    "in": "header",
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/SenderEdit"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The audit rows written",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/AuditEntry"
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "401": {
                    "$ref": "#/components/responses/Error"
                  },
                  "403": {
                    "$ref": "#/components/responses/Error"
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/v1/audit": {
              "get": {
                "summary": "Audit rows, newest first",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/tenant"
                  },
                  {
                    "name": "after",
                    "in": "query",
                    "schema": {
                      "type": "integer"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Audit rows",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/AuditEntry"
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "summary": "This document",
                "security": [],
                "responses": {
                  "200": {
                    "description": "OpenAPI 3 document",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
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
