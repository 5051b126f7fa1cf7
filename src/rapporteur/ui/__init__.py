"""The Gradio UI (mounted into the API app by `rapporteur.ui.app.create_server`)."""
