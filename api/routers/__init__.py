"""The service's routers, one module per area; `api.main` includes them."""
