"""Every state change in the hosts app, one function each; views, admin actions and tasks call these."""
