from blog import my_posts_page
from eyeforai import write_watch

# The list of a talent's own posts ends with any write to the tables it reads, QuerySet writes included.
write_watch.watch(my_posts_page.GENERATION_KEY, my_posts_page.read_tables, write_watch.sign_in_columns)
