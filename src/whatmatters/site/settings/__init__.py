"""Django settings: ``base`` (shared), ``local`` (serve/demo on this machine),
``production`` (a council's server) and ``test``."""
