"""The administration area for program staff at /manage/ (not the Django admin).

Views are thin: they fetch through `access` (outsider → 404, member without admin rights → 403),
parse input with `administration.forms`, call one service and redirect with a message.
"""
