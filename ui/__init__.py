"""The Gradio UI (mounted into the API app by `ui.app.create_server`)."""
