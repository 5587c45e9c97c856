"""samverkan: lokala samverkansöverenskommelser som kontrollerade dokument."""
